import type { Deps } from '../../deps.ts';
import type { HotPause } from '../../db/schema.ts';
import { announcePauseChange } from './announce.ts';
import { findActivePause, leadsWithEmail, ownersOf, type PauseLead } from './store.ts';

export type ReleaseResult =
  | { outcome: 'released'; pause: HotPause }
  | { outcome: 'not_paused' }
  | { outcome: 'refused'; pause: HotPause; owners: string[] };

/** Who may end or change a pause: whoever paused it, an owner of a lead with that email, or an admin. */
export function mayChangePause(pause: Pick<HotPause, 'paused_by'>, owners: string[], by: string, byIsAdmin: boolean): boolean {
  return byIsAdmin || pause.paused_by === by || owners.includes(by);
}

type Db = Parameters<typeof findActivePause>[0];

/** The active pause of an email and its leads, when `by` may change it; else why not. */
async function changeablePause(trx: Db, emailLower: string, by: string, byIsAdmin: boolean): Promise<
  { active: HotPause; leads: PauseLead[] } | { outcome: 'not_paused' } | { outcome: 'refused'; pause: HotPause; owners: string[] }
> {
  const active = await findActivePause(trx, emailLower);
  if (!active) return { outcome: 'not_paused' };
  const leads = await leadsWithEmail(trx, emailLower);
  const owners = ownersOf(leads);
  if (!mayChangePause(active, owners, by, byIsAdmin)) return { outcome: 'refused', pause: active, owners };
  return { active, leads };
}

/** `/hotlead release EMAIL`: ends the pause now and tells marketing and the email tool. */
export async function releaseMarketingPause(deps: Pick<Deps, 'clock' | 'config' | 'notices'>, input: { email: string; by: string; byIsAdmin: boolean }): Promise<ReleaseResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const emailLower = input.email.trim().toLowerCase();
  return deps.notices.transaction(async (out): Promise<ReleaseResult> => {
    const { trx } = out;
    const found = await changeablePause(trx, emailLower, input.by, input.byIsAdmin);
    if ('outcome' in found) return found;
    const { active, leads } = found;
    const pause = await trx
      .updateTable('hot_pauses')
      .set({ status: 'released', active_email: null, ended_at: at, ended_by: input.by, end_reason: 'released', updated_at: at })
      .where('id', '=', active.id)
      .where('status', '=', 'active')
      .returningAll()
      .executeTakeFirst();
    if (!pause) return { outcome: 'not_paused' };
    await announcePauseChange(deps, out, pause, leads, { kind: 'resumed', by: input.by, reason: 'released' });
    out.refreshHome(pause.paused_by, input.by);
    return { outcome: 'released', pause };
  }, { now });
}

export type ShortenResult =
  | { outcome: 'shortened'; pause: HotPause; previousUntil: string }
  | { outcome: 'not_shorter'; pause: HotPause }
  | { outcome: 'not_paused' }
  | { outcome: 'refused'; pause: HotPause; owners: string[] };

/** `/hotlead shorten EMAIL DURATION`: ends the pause sooner (never later: that is an extension). */
export async function shortenMarketingPause(deps: Pick<Deps, 'clock' | 'config' | 'notices'>, input: { email: string; by: string; byIsAdmin: boolean; until: Date }): Promise<ShortenResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const emailLower = input.email.trim().toLowerCase();
  return deps.notices.transaction(async (out): Promise<ShortenResult> => {
    const { trx } = out;
    const found = await changeablePause(trx, emailLower, input.by, input.byIsAdmin);
    if ('outcome' in found) return found;
    const { active, leads } = found;
    if (input.until.getTime() >= Date.parse(active.paused_until)) return { outcome: 'not_shorter', pause: active };
    const pause = await trx
      .updateTable('hot_pauses')
      // A warning sent about the old end date no longer applies.
      .set({ paused_until: input.until.toISOString(), warned_until: null, let_end_by: null, updated_at: at })
      .where('id', '=', active.id)
      .where('status', '=', 'active')
      .where('paused_until', '=', active.paused_until)
      .returningAll()
      .executeTakeFirst();
    if (!pause) return { outcome: 'not_paused' };
    await announcePauseChange(deps, out, pause, leads, { kind: 'shortened', by: input.by, previousUntil: active.paused_until });
    out.refreshHome(pause.paused_by, input.by);
    return { outcome: 'shortened', pause, previousUntil: active.paused_until };
  }, { now });
}
