import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { slackErrorCode } from './client.ts';

export interface SlackUser {
  id: string;
  email: string | null;
  name: string;
  deleted: boolean;
}

const USER_TTL_MS = 10 * 60_000;
const MISS_TTL_MS = 60_000;
const GROUP_TTL_MS = 60_000;

/**
 * Who is who in the workspace, cached: every lookup here is a Slack call that must not sit on
 * a request path more often than needed (users.lookupByEmail is Tier 3).
 */
export class SlackDirectory {
  private byEmail = new Map<string, { user: SlackUser | null; until: number }>();
  private groups = new Map<string, { members: Set<string>; until: number }>();
  private bot: { userId: string; botId: string; teamId: string } | undefined;

  constructor(private slack: WebClient, private clock: Clock, private logger: Logger) {}

  /** Resolves an email to a Slack user; null when Slack says nobody has it. Throws when Slack cannot be asked. */
  async userByEmail(email: string): Promise<SlackUser | null> {
    const key = email.trim().toLowerCase();
    const now = this.clock.now().getTime();
    const hit = this.byEmail.get(key);
    if (hit && hit.until > now) return hit.user;
    try {
      const res = await this.slack.users.lookupByEmail({ email: key });
      const u = res.user!;
      const user: SlackUser = { id: u.id!, email: u.profile?.email ?? key, name: u.real_name || u.name || u.id!, deleted: Boolean(u.deleted) };
      this.byEmail.set(key, { user, until: now + USER_TTL_MS });
      return user;
    } catch (error) {
      if (slackErrorCode(error) === 'users_not_found') {
        this.byEmail.set(key, { user: null, until: now + MISS_TTL_MS });
        return null;
      }
      throw error;
    }
  }

  /** The Slack id of the person with this email, only when already known from an earlier lookup: never calls Slack. */
  knownUserId(email: string): string | undefined {
    const hit = this.byEmail.get(email.trim().toLowerCase());
    if (!hit || hit.until <= this.clock.now().getTime() || !hit.user || hit.user.deleted) return undefined;
    return hit.user.id;
  }

  /** Forget a cached miss, e.g. when a new person may have joined. */
  forgetEmail(email: string): void {
    this.byEmail.delete(email.trim().toLowerCase());
  }

  async usergroupMembers(groupId: string): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    const hit = this.groups.get(groupId);
    if (hit && hit.until > now) return hit.members;
    const res = await this.slack.usergroups.users.list({ usergroup: groupId });
    const members = new Set(res.users ?? []);
    this.groups.set(groupId, { members, until: now + GROUP_TTL_MS });
    return members;
  }

  botIdentity(): { userId: string; botId: string; teamId: string } | undefined {
    return this.bot;
  }

  /** Learns the bot's ids in the background; requests never wait for it (Slack may be down). */
  async resolveBotIdentity(signal?: AbortSignal): Promise<void> {
    let delay = 1000;
    while (!this.bot && !signal?.aborted) {
      try {
        const res = await this.slack.auth.test();
        this.bot = { userId: res.user_id!, botId: res.bot_id!, teamId: res.team_id! };
        return;
      } catch (error) {
        this.logger.warn({ err: String(error) }, 'could not reach Slack for auth.test; will try again');
        await new Promise((r) => setTimeout(r, delay).unref());
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }
}
