// The rep's answer to the day-before warning: Extend 14 days, or Let it end.

import type { Deps } from '../../deps.ts';
import type { HotPause } from '../../db/schema.ts';
import { addDays, endOfLocalDate, lastDayCovered, localDateOf } from './calendar.ts';
import { announcePauseChange } from './announce.ts';
import { MAX_PAUSE_DAYS } from './parse.ts';
import { mayChangePause } from './release.ts';
import { findPauseById, leadsWithEmail, ownersOf } from './store.ts';

export const EXTEND_DAYS = 14;

export interface WarningAnswerInput {
  pauseId: number;
  /** The end date the warning was about: a second click on an old warning changes nothing. */
  until: string;
  answer: 'extend' | 'let_end';
  by: string;
  byIsAdmin: boolean;
  /** Where the warning is, to replace its buttons with what was done. */
  message?: { channel: string; ts: string };
}

export type WarningAnswerResult =
  | { outcome: 'extended' | 'let_end' | 'ended' | 'changed_meanwhile' | 'at_limit' | 'refused'; pause: HotPause }
  | { outcome: 'not_found' };

/** Fourteen more days after the current last day, no further than 365 days from today. */
function extendedUntil(p: HotPause, now: Date, timeZone: string): Date {
  const today = localDateOf(now, timeZone);
  const current = lastDayCovered(new Date(p.paused_until), timeZone);
  const wanted = addDays(current < today ? today : current, EXTEND_DAYS);
  const limit = addDays(today, MAX_PAUSE_DAYS);
  return endOfLocalDate(wanted > limit ? limit : wanted, timeZone);
}

export async function answerPauseWarning(deps: Pick<Deps, 'clock' | 'config' | 'notices'>, input: WarningAnswerInput): Promise<WarningAnswerResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const { timeZone } = deps.config;
  return deps.notices.transaction(async (out): Promise<WarningAnswerResult> => {
    const { trx } = out;
    const found = await findPauseById(trx, input.pauseId);
    if (!found) return { outcome: 'not_found' };
    const leads = await leadsWithEmail(trx, found.email_lower);
    if (!mayChangePause(found, ownersOf(leads), input.by, input.byIsAdmin)) return { outcome: 'refused', pause: found };

    const updateWarning = async (p: HotPause, shown: 'extended' | 'let_end' | 'ended') => {
      if (!input.message) return;
      await out.update(input.message, { type: 'pause.warning_answered', pause: p, answer: shown, by: input.by });
    };

    if (found.status !== 'active') {
      await updateWarning(found, 'ended');
      return { outcome: 'ended', pause: found };
    }
    if (found.paused_until !== input.until) return { outcome: 'changed_meanwhile', pause: found };

    if (input.answer === 'let_end') {
      const pause = await trx
        .updateTable('hot_pauses')
        .set({ let_end_by: input.by })
        .where('id', '=', found.id)
        .where('status', '=', 'active')
        .returningAll()
        .executeTakeFirstOrThrow();
      await updateWarning(pause, 'let_end');
      return { outcome: 'let_end', pause };
    }

    const until = extendedUntil(found, now, timeZone);
    if (until.getTime() <= Date.parse(found.paused_until)) return { outcome: 'at_limit', pause: found };
    const pause = await trx
      .updateTable('hot_pauses')
      .set({ paused_until: until.toISOString(), extended_by: input.by, extended_at: at, let_end_by: null, updated_at: at })
      .where('id', '=', found.id)
      .where('status', '=', 'active')
      .where('paused_until', '=', found.paused_until)
      .returningAll()
      .executeTakeFirst();
    if (!pause) return { outcome: 'changed_meanwhile', pause: found };
    await announcePauseChange(deps, out, pause, leads, { kind: 'extended', by: input.by, previousUntil: found.paused_until });
    await updateWarning(pause, 'extended');
    out.refreshHome(pause.paused_by);
    return { outcome: 'extended', pause };
  }, { now });
}
