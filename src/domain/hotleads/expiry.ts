// Ending pauses on time: warn the rep a day ahead, lift each pause once at its end.
// Every write is a conditional update, so a second run (or a second replica) changes nothing twice,
// and the outbox dedupe keys make each warning, notice and event exist once.

import type { Deps } from '../../deps.ts';
import { announcePauseChange } from './announce.ts';
import { leadsWithEmail } from './store.ts';

const DAY_MS = 86_400_000;

/** Lifts every active pause whose end has come; returns how many this run lifted. */
export async function liftEndedPauses(deps: Pick<Deps, 'clock' | 'config' | 'db' | 'notices'>): Promise<number> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const due = await deps.db
    .selectFrom('hot_pauses')
    .select(['id', 'email_lower'])
    .where('status', '=', 'active')
    .where('paused_until', '<=', at)
    .orderBy('paused_until')
    .execute();
  let lifted = 0;
  for (const candidate of due) {
    const done = await deps.notices.transaction(async (out) => {
      const { trx } = out;
      const pause = await trx
        .updateTable('hot_pauses')
        .set({ status: 'expired', active_email: null, ended_at: at, ended_by: null, end_reason: 'expired', updated_at: at })
        .where('id', '=', candidate.id)
        .where('status', '=', 'active')
        .where('paused_until', '<=', at)
        .returningAll()
        .executeTakeFirst();
      if (!pause) return false;
      const leads = await leadsWithEmail(trx, pause.email_lower);
      await announcePauseChange(deps, out, pause, leads, { kind: 'resumed', by: null, reason: 'expired' });
      out.refreshHome(pause.paused_by);
      return true;
    }, { now });
    if (done) lifted += 1;
  }
  return lifted;
}

/**
 * DMs the rep once per end date when a pause ends within a day. A pause whose end was set at
 * most two days before it (a `1`-day pause) is not warned about: the rep chose that end just now.
 */
export async function warnEndingPauses(deps: Pick<Deps, 'clock' | 'config' | 'db' | 'notices'>): Promise<number> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + DAY_MS).toISOString();
  const candidates = await deps.db
    .selectFrom('hot_pauses')
    .selectAll()
    .where('status', '=', 'active')
    .where('paused_until', '>', now.toISOString())
    .where('paused_until', '<=', horizon)
    .execute();
  let warned = 0;
  for (const c of candidates) {
    if (c.warned_until === c.paused_until) continue;
    const setAt = Date.parse(c.extended_at ?? c.paused_at);
    if (Date.parse(c.paused_until) - setAt <= 2 * DAY_MS) continue;
    const done = await deps.notices.transaction(async (out) => {
      const claimed = await out.trx
        .updateTable('hot_pauses')
        .set({ warned_until: c.paused_until })
        .where('id', '=', c.id)
        .where('status', '=', 'active')
        .where('paused_until', '=', c.paused_until)
        .where((eb) => eb.or([eb('warned_until', 'is', null), eb('warned_until', '<>', c.paused_until)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      await out.post(c.paused_by, { type: 'pause.ending', pause: c }, { dedupeKey: `hotlead-warn:${c.id}:${c.paused_until}` });
      return true;
    }, { now });
    if (done) warned += 1;
  }
  return warned;
}
