import type { Deps } from '../../deps.ts';
import { parseQualification } from './qualification.ts';
import type { QualificationCheck } from './rules.ts';
import { readState, writeState } from './state.ts';
import { takeTurnsOn } from '../../db/locks.ts';
import { leadLabel } from './words.ts';

export interface HeldLeadLine {
  id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  campaign: string | null;
  failed: string[];
  receivedAt: string;
}

export interface HeldSummary {
  since: string;
  until: string;
  /** Held in the window and still held, newest first; at most HELD_SUMMARY_MAX_LEADS. */
  leads: HeldLeadLine[];
  total: number;
  /** Failed rules by how many of the window's held leads failed them, most first; examples are names. */
  byRule: { reason: HeldReason; count: number; examples: string[] }[];
  /** Held before the window and still held. */
  olderStillHeld: number;
}

/**
 * What held leads are counted under. From a lead's failed checks: the rule and what tells one
 * miss from another (the bar a score missed, a missing field, the stage or the email domain),
 * never a lead's own number, so "score 45" and "score 12" under a bar of 60 add up. Leads stored
 * before checks were kept count under their stored sentence.
 */
export type HeldReason =
  | { rule: QualificationCheck['rule']; value: number | string | string[] | null; campaign?: string }
  | { stored: string }
  | { unknown: true };

const EXAMPLES_PER_RULE = 3;

function reasonsOf(failedChecks: QualificationCheck[] | undefined, failed: string[]): HeldReason[] {
  if (failedChecks) {
    const reasons = failedChecks.flatMap((c): HeldReason[] => {
      const campaign = c.campaign ? { campaign: c.campaign } : {};
      switch (c.rule) {
        case 'min_score': return [{ rule: c.rule, value: c.actual === null ? null : c.expected, ...campaign }];
        case 'required': return (c.actual as string[]).map((field) => ({ rule: c.rule, value: field, ...campaign }));
        case 'require_activity': return [{ rule: c.rule, value: c.expected, ...campaign }];
        default: return [{ rule: c.rule, value: c.actual, ...campaign }];
      }
    });
    if (reasons.length > 0) return reasons;
  }
  return failed.length > 0 ? failed.map((stored) => ({ stored })) : [{ unknown: true }];
}

/** Listed one by one with a release button; the rest are counted. */
export const HELD_SUMMARY_MAX_LEADS = 10;

/** The leads held in [since, until) that nobody has released yet, grouped by the rules they failed. */
export async function findHeldLeads(db: Deps['db'], since: Date, until: Date): Promise<HeldSummary> {
  const rows = await db
    .selectFrom('leads')
    .select(['id', 'name', 'email', 'company', 'campaign_key', 'qualification', 'received_at'])
    .where('status', '=', 'held')
    .where('received_at', '>=', since.toISOString())
    .where('received_at', '<', until.toISOString())
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .execute();
  const older = await db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'held')
    .where('received_at', '<', since.toISOString())
    .executeTakeFirst();

  const leads = rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    campaign: row.campaign_key,
    qualification: parseQualification(row.qualification),
    receivedAt: row.received_at,
  })).map(({ qualification, ...lead }) => ({
    ...lead,
    failed: qualification?.failed ?? [],
    reasons: reasonsOf(qualification?.checks?.filter((c) => !c.passed), qualification?.failed ?? []),
  }));
  const rules = new Map<string, { reason: HeldReason; count: number; examples: string[] }>();
  for (const { reasons, ...lead } of leads) {
    for (const reason of reasons) {
      const key = JSON.stringify(reason);
      const entry = rules.get(key) ?? { reason, count: 0, examples: [] };
      // A lead missing two fields counts once under each.
      entry.count += 1;
      if (entry.examples.length < EXAMPLES_PER_RULE) entry.examples.push(leadLabel(lead));
      rules.set(key, entry);
    }
  }
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    leads: leads.slice(0, HELD_SUMMARY_MAX_LEADS).map(({ reasons: _reasons, ...lead }) => lead),
    total: leads.length,
    byRule: [...rules].sort(([ka, a], [kb, b]) => b.count - a.count || ka.localeCompare(kb)).map(([, e]) => e),
    olderStillHeld: Number(older?.n ?? 0),
  };
}

export const HELD_SUMMARY_KEY = 'mql.held-summary';
/** Local hour (in TZ) of the daily summary; the job's schedule uses it too. */
export const HELD_SUMMARY_HOUR = 8;
/** However long the app was down, one summary covers at most this much. */
const MAX_WINDOW_MS = 7 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

interface SummaryState {
  /** The local date (YYYY-MM-DD) of the last slot summarised. */
  slot: string;
  /** Where the next window starts. */
  until: string;
}

function localDateHour(at: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** The local date of the latest daily slot at or before `now` (yesterday's before the hour). */
export function summarySlot(now: Date, timeZone: string): string {
  const today = localDateHour(now, timeZone);
  return today.hour >= HELD_SUMMARY_HOUR ? today.date : localDateHour(new Date(now.getTime() - DAY_MS), timeZone).date;
}

/**
 * Posts the daily held-leads summary to MARKETING_CHANNEL: once per slot (also across restarts and
 * replicas: the dedupe key carries the slot's date), covering everything since the last one.
 * Nothing is posted for a day with no held leads.
 */
export async function postHeldSummary(deps: Pick<Deps, 'config' | 'notices'>): Promise<{ posted: boolean; total: number }> {
  const channel = deps.config.marketingChannel;
  if (!channel) return { posted: false, total: 0 };
  return deps.notices.transaction(async (out) => {
    const { trx, now } = out;
    const slot = summarySlot(now, deps.config.timeZone);
    // Replicas running the summary together read and move the window one after the other.
    await takeTurnsOn(trx, HELD_SUMMARY_KEY);
    const last = await readState<SummaryState>(trx, HELD_SUMMARY_KEY);
    if (last?.slot === slot) return { posted: false, total: 0 };
    const lastUntil = last ? new Date(last.until).getTime() : NaN;
    const since = new Date(Math.max(Number.isFinite(lastUntil) ? lastUntil : now.getTime() - DAY_MS, now.getTime() - MAX_WINDOW_MS));
    const summary = await findHeldLeads(trx, since, now);
    let posted = false;
    if (summary.total > 0) {
      ({ created: posted } = await out.post(channel, { type: 'mql.held_summary', summary }, { dedupeKey: `held-summary:${slot}` }));
    }
    await writeState(trx, HELD_SUMMARY_KEY, { slot, until: now.toISOString() } satisfies SummaryState, now);
    return { posted, total: summary.total };
  });
}
