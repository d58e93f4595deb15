import type { Deps } from '../../deps.ts';
import type { HotPause, Lead } from '../../db/schema.ts';
import { UserFacingError } from '../../errors.ts';
import { applyLeadAnswer } from '../leads/answers.ts';
import { announcePauseChange } from './announce.ts';
import { MAX_PAUSE_DAYS, parseEmail, pauseEndAfterDays } from './parse.ts';
import { findActivePause, isOpenLead, isUniqueViolation, leadsWithEmail, openLeadsOf, pickLead, type PauseLead } from './store.ts';
import { takeTurnsOn } from '../../db/locks.ts';

export interface PauseInput {
  email: string;
  /** Slack user id of the rep. */
  by: string;
  /** Defaults to the end of the day HOTLEAD_DEFAULT_DAYS days from today (in TZ). */
  until?: Date;
  note?: string;
  /** The lead the pause came from, when known (the DM's button). */
  leadId?: string;
  source: 'command' | 'button';
}

export interface PauseResult {
  outcome: 'paused' | 'extended' | 'kept';
  pausedUntil: Date;
  /** Whether Handoff has ever received a lead with this email. */
  knownLead: boolean;
  /** The end date before this call, when the email was already paused. */
  previousUntil: Date | undefined;
  /** Who paused the email first (the caller unless it was already paused). */
  pausedBy: string;
  email: string;
  leadName: string | null;
  /** How many of the caller's open leads with this email were answered as hot, with the pause. */
  answeredLeads: number;
  pauseId: number;
}

const DAY_MS = 86_400_000;

interface Written {
  outcome: PauseResult['outcome'];
  pause: HotPause;
  previousUntil?: string;
  leads: PauseLead[];
  /** The leads answered hot in the pause's transaction. */
  answered: Lead[];
}

async function writePause(deps: Pick<Deps, 'clock' | 'config' | 'notices'>, input: PauseInput, email: { address: string; lower: string }, until: Date, now: Date): Promise<Written> {
  // Durable before the rep is told, as any answer to a lead.
  return deps.notices.transaction(async (out) => {
    const { trx } = out;
    // Two pauses of one address (a double click reaching two replicas) take turns: the second extends or keeps.
    await takeTurnsOn(trx, `pause:${email.lower}`);
    const leads = await leadsWithEmail(trx, email.lower);
    const lead = pickLead(leads, input.by, input.leadId);
    const at = now.toISOString();
    const untilIso = until.toISOString();
    const note = input.note?.trim() || null;
    const active = await findActivePause(trx, email.lower);
    // The leads turn hot in the pause's own transaction, before it is announced: a crash cannot
    // leave a pause whose lead still waits, and the events say the lead is hot.
    const answered: Lead[] = [];
    for (const leadId of leadsToAnswer(input, leads)) {
      const result = await applyLeadAnswer(deps, out, { leadId, answer: 'hot', by: input.by });
      if (result.changed && result.lead) answered.push(result.lead);
    }

    if (!active) {
      const pause = await trx
        .insertInto('hot_pauses')
        .values({
          email: lead?.email ?? email.address,
          email_lower: email.lower,
          active_email: email.lower,
          status: 'active',
          lead_id: lead?.id ?? null,
          lead_name: lead?.name ?? null,
          company: lead?.company ?? null,
          campaign_key: lead?.campaign_key ?? null,
          note,
          source: input.source,
          paused_by: input.by,
          paused_at: at,
          paused_until: untilIso,
          extended_by: null,
          extended_at: null,
          warned_until: null,
          let_end_by: null,
          ended_at: null,
          ended_by: null,
          end_reason: null,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await announcePauseChange(deps, out, pause, leads, { kind: 'paused', by: input.by });
      out.refreshHome(input.by);
      return { outcome: 'paused', pause, leads, answered };
    }

    if (until.getTime() <= Date.parse(active.paused_until)) return { outcome: 'kept', pause: active, leads, answered };

    const pause = await trx
      .updateTable('hot_pauses')
      .set({
        paused_until: untilIso,
        extended_by: input.by,
        extended_at: at,
        let_end_by: null,
        note: note ?? active.note,
        lead_id: active.lead_id ?? lead?.id ?? null,
        lead_name: active.lead_name ?? lead?.name ?? null,
        company: active.company ?? lead?.company ?? null,
        campaign_key: active.campaign_key ?? lead?.campaign_key ?? null,
        updated_at: at,
      })
      .where('id', '=', active.id)
      .where('status', '=', 'active')
      .where('paused_until', '=', active.paused_until)
      .returningAll()
      .executeTakeFirstOrThrow();
    await announcePauseChange(deps, out, pause, leads, { kind: 'extended', by: input.by, previousUntil: active.paused_until });
    out.refreshHome(input.by);
    return { outcome: 'extended', pause, previousUntil: active.paused_until, leads, answered };
  }, { durably: true, now });
}

/** The lead the pause came from (when still open) and the rep's other open leads with this email. */
function leadsToAnswer(input: PauseInput, leads: PauseLead[]): string[] {
  const fromButton = leads.filter((l) => l.id === input.leadId && isOpenLead(l));
  return [...new Set([...fromButton, ...openLeadsOf(leads, input.by)].map((l) => l.id))];
}

/**
 * "This lead is hot, pause the marketing emails": records the pause (or extends / keeps an
 * existing one), tells marketing and the email tool through the outbox in the same transaction,
 * adds it to the leads' timelines, and answers the email's open leads of the rep as hot.
 */
export async function pauseMarketingEmails(deps: Pick<Deps, 'clock' | 'config' | 'notices'>, input: PauseInput): Promise<PauseResult> {
  const now = deps.clock.now();
  const email = parseEmail(input.email);
  if (!email) throw new UserFacingError(`\`${input.email}\` is not an email address.`, 'invalid_email');
  const until = input.until ?? pauseEndAfterDays(deps.config.hotleadDefaultDays, now, deps.config.timeZone).until;
  if (until.getTime() <= now.getTime()) throw new UserFacingError('A pause must end in the future.', 'invalid_until');
  if (until.getTime() > now.getTime() + (MAX_PAUSE_DAYS + 1) * DAY_MS) {
    throw new UserFacingError(`A pause may last at most ${MAX_PAUSE_DAYS} days.`, 'invalid_until');
  }

  let written: Written;
  try {
    written = await writePause(deps, input, email, until, now);
  } catch (error) {
    // Two pauses of one email at once: the database kept one; the second becomes an extend-or-keep.
    if (!isUniqueViolation(error)) throw error;
    written = await writePause(deps, input, email, until, now);
  }
  return {
    outcome: written.outcome,
    pausedUntil: new Date(written.pause.paused_until),
    knownLead: written.leads.length > 0,
    previousUntil: written.outcome === 'paused' ? undefined : new Date(written.previousUntil ?? written.pause.paused_until),
    pausedBy: written.pause.paused_by,
    email: written.pause.email,
    leadName: written.pause.lead_name,
    answeredLeads: written.answered.length,
    pauseId: written.pause.id,
  };
}
