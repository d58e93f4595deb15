import type { Config } from '../config.ts';
import { UserFacingError } from '../errors.ts';

export class PermissionCheckFailed extends UserFacingError {
  constructor(cause: unknown) {
    super('Handoff could not check your permissions with Slack just now. Please try again in a minute.', 'permission_check_failed', cause);
  }
}

/** Who is in a Slack user group (slack/directory.ts, cached). */
export interface UsergroupDirectory {
  usergroupMembers(group: string): Promise<Set<string>>;
}

/**
 * Who may do what (SPEC "Permissions"). An unset user group means everyone may do what it
 * guards; admins are exactly HANDOFF_ADMINS, and unset means nobody: a missing setting never
 * hands out power.
 */
export class Permissions {
  constructor(private config: Config, private directory: UsergroupDirectory) {}

  isAdmin(userId: string): boolean {
    return this.config.admins.includes(userId);
  }

  /** True when HANDOFF_ADMINS names people, so "admin" means someone in particular. */
  get adminsConfigured(): boolean {
    return this.config.admins.length > 0;
  }

  async isMarketer(userId: string): Promise<boolean> {
    return this.inGroup(this.config.marketingUsergroup, userId);
  }

  async isSales(userId: string): Promise<boolean> {
    return this.inGroup(this.config.salesUsergroup, userId);
  }

  private async inGroup(group: string | undefined, userId: string): Promise<boolean> {
    if (!group) return true;
    if (this.config.admins.includes(userId)) return true;
    try {
      return (await this.directory.usergroupMembers(group)).has(userId);
    } catch (error) {
      throw new PermissionCheckFailed(error);
    }
  }
}
