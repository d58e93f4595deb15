import type { Deps } from '../../deps.ts';
import type { CampaignBrief } from './queries.ts';

// SPEC "Permissions": creating, editing and archiving need MARKETING_USERGROUP (when set);
// editing and archiving also need the brief's owner or an admin.

export type BriefRefusal = 'not_marketer' | 'not_owner';

/** The part of the rule Handoff knows without asking Slack. */
export function ownerOrAdmin(deps: Pick<Deps, 'permissions'>, userId: string, brief: Pick<CampaignBrief, 'owner_slack_id'>): BriefRefusal | undefined {
  if (brief.owner_slack_id === userId || deps.permissions.isAdmin(userId)) return undefined;
  return 'not_owner';
}

/** Whether someone may post a new brief. Throws PermissionCheckFailed when Slack cannot say. */
export async function refusalToCreate(deps: Pick<Deps, 'permissions'>, userId: string): Promise<BriefRefusal | undefined> {
  return (await deps.permissions.isMarketer(userId)) ? undefined : 'not_marketer';
}

/** Whether someone may edit or archive this brief. Throws PermissionCheckFailed when Slack cannot say. */
export async function refusalToChange(deps: Pick<Deps, 'permissions'>, userId: string, brief: Pick<CampaignBrief, 'owner_slack_id'>): Promise<BriefRefusal | undefined> {
  return ownerOrAdmin(deps, userId, brief) ?? (await refusalToCreate(deps, userId));
}
