// What people are told about who may do what. Tests assert on these.

/** Shown on every Home while HANDOFF_ADMINS is unset, and logged at start-up. */
export const NO_ADMINS_NOTICE =
  '🔒 *No Handoff admins are set*, so nobody can post the digest on demand, release held leads, list everyone\'s pauses, answer another rep\'s lead or see delivery health here. Whoever runs Handoff can set `HANDOFF_ADMINS=U0123ABCD,…` (Slack user IDs) and restart it.';

/** The start-up log line for the same state. */
export const NO_ADMINS_LOG =
  'HANDOFF_ADMINS is unset: nobody is an admin, so nobody may post the digest on demand, release held leads, list everyone\'s pauses, answer or change another rep\'s leads and pauses, edit briefs they do not own, or see delivery health on the Home. Set HANDOFF_ADMINS to a comma-separated list of Slack user IDs (U…) to allow it.';

/** Who the admins are, for a refusal: named when there are some, how to set them when there are none. */
export function adminsPhrase(admins: string[]): string {
  return admins.length > 0
    ? `Handoff admins (${admins.map((a) => `<@${a}>`).join(', ')})`
    : 'Handoff admins, and none are set (whoever runs Handoff can set HANDOFF_ADMINS)';
}
