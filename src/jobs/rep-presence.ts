import { refreshPresence } from '../domain/routing/presence.ts';
import type { Job } from './index.ts';

/**
 * With pools, what Slack says of each pool rep (time zone, status, snoozed notifications) is
 * read every two minutes: three calls per rep, one rep at a time, within Slack's per-minute limits
 * for any pool a team would keep. Assignments read what this keeps.
 */
export const repPresenceJob: Job = {
  name: 'rep-presence',
  schedule: '*/2 * * * *',
  runAtStart: true,
  async run(deps) {
    if (!deps.routing) return;
    const reps = [...new Set(deps.routing.pools.flatMap((p) => p.reps))];
    const emails = reps.filter((r) => r.includes('@')).map((r) => r.toLowerCase());
    const byEmail = emails.length === 0 ? [] : await deps.db.selectFrom('slack_people').select('user_id').where('email', 'in', emails).where('user_id', 'is not', null).execute();
    const ids = [...new Set([...reps.filter((r) => !r.includes('@')), ...byEmail.map((r) => r.user_id as string)])];
    await refreshPresence(deps.db, deps.slack, ids, deps.clock.now());
  },
};
