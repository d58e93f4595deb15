import type { Deps } from '../../deps.ts';
import { withinBudget } from '../../within-budget.ts';
import type { BriefOwner } from './brief.ts';

export type OwnerSpec = { email: string } | { slackUserId: string };

/** How long the intake webhook waits for Slack to name an owner before storing the email alone. */
export const OWNER_LOOKUP_BUDGET_MS = 2500;

export const ownerWarnings = {
  unknownEmail: (email: string) => `No Slack user has the email ${email}; the brief keeps the email as its owner and Handoff will look again later.`,
  deactivated: (email: string) => `The Slack user with the email ${email} is deactivated; the brief keeps the email as its owner.`,
  slackUnreachable: (email: string) => `Slack could not be asked who ${email} is just now; the brief keeps the email and Handoff will look it up again shortly.`,
};

/**
 * Turns the intake's owner into a Slack user when it can. A brief must name its owner, so this
 * may ask Slack on the request path, but never for longer than the budget.
 */
export async function resolveOwner(deps: Pick<Deps, 'db' | 'directory' | 'logger'>, spec: OwnerSpec): Promise<{ owner: BriefOwner; warning?: string }> {
  if ('slackUserId' in spec) return { owner: { slackId: spec.slackUserId, email: null } };
  const email = spec.email;
  try {
    const user = await withinBudget(deps.directory.userByEmail(email), OWNER_LOOKUP_BUDGET_MS);
    if (!user) return { owner: { slackId: null, email }, warning: ownerWarnings.unknownEmail(email) };
    if (user.deleted) return { owner: { slackId: null, email }, warning: ownerWarnings.deactivated(email) };
    return { owner: { slackId: user.id, email } };
  } catch (error) {
    deps.logger.warn({ err: String(error) }, 'could not resolve a campaign owner by email; storing the email');
    return { owner: { slackId: null, email }, warning: ownerWarnings.slackUnreachable(email) };
  }
}

/** How many owners one run looks up: users.lookupByEmail is Tier 3 and shared with lead intake. */
const OWNERS_PER_RUN = 20;

/**
 * Looks again for the Slack users of briefs whose owner is known only by email (Slack was
 * down at intake, or the person had not joined yet). Returns how many were found.
 */
export async function resolvePendingOwners(deps: Pick<Deps, 'db' | 'directory' | 'logger'>): Promise<number> {
  const pending = await deps.db
    .selectFrom('campaigns')
    .select(['id', 'owner_email'])
    .where('owner_slack_id', 'is', null)
    .where('owner_email', 'is not', null)
    .where('status', '=', 'active')
    .orderBy('updated_at')
    .limit(OWNERS_PER_RUN)
    .execute();
  let found = 0;
  for (const row of pending) {
    const email = row.owner_email!;
    let user;
    try {
      user = await deps.directory.userByEmail(email);
    } catch (error) {
      deps.logger.warn({ err: String(error) }, 'Slack is still unreachable for campaign owners; will try again');
      return found;
    }
    if (!user || user.deleted) continue;
    // Only if nobody changed the owner meanwhile.
    const res = await deps.db
      .updateTable('campaigns')
      .set({ owner_slack_id: user.id })
      .where('id', '=', row.id)
      .where('owner_slack_id', 'is', null)
      .where('owner_email', '=', email)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) found += 1;
  }
  return found;
}
