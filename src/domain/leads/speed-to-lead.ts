import type { Deps } from '../../deps.ts';
import type { Kysely } from 'kysely';
import type { Database, Lead, LeadDelivery } from '../../db/schema.ts';
import type { Outgoing } from '../notices.ts';
import { slaFor } from '../sla.ts';
import { addLeadEvent } from './queries.ts';
import { moveLead } from './move.ts';
import { assignFromPools } from '../routing/assign.ts';
import { addWorkingMs, workingMsBetween } from '../routing/business-hours.ts';
import { DEFAULT_LADDER, type Routing, type SlaLadder } from '../routing/rules.ts';
import type { EventRoutes } from '../events/publish.ts';

/** What the SLA ladder runs with. */
type SlaDeps = Pick<Deps, 'clock' | 'config' | 'db' | 'dbHandle' | 'logger' | 'notices' | 'routing'>;

// Speed to lead: unanswered delivered leads remind their owner once at half the stage's
// LEAD_SLA and escalate once to SALES_CHANNEL at all of it. "Once" holds across double runs,
// restarts and replicas: the mark is a conditional UPDATE in the same transaction as the
// message, and the message has a dedupe key.
//
// A lead that never reached its owner (nobody in Slack has the owner's email, or the DM was
// refused for good) has nobody to remind, and nobody but the channel can act on it: it is
// escalated at the full SLA from its arrival. Delivered later, it is not escalated again.

// Small pages in one transaction each: one fsync per page, and each page waits its turn behind
// acks, so a catch-up after an outage (thousands of overdue leads) never keeps /healthz or
// Slack's acks waiting. better-sqlite3 is synchronous: awaits alone do not yield.
const PAGE = 100;

// More escalations than this in one page (a catch-up after an outage) go to SALES_CHANNEL as one
// roll-up instead of a message each: a hundred messages at Slack's pace of one a second would
// bury the channel for minutes, per page.
const ROLLUP_OVER = 5;

// Not 'queued': its DM is still on its way (the outbox retries until Slack takes it or refuses
// it for good, which makes it 'failed'). Not 'not_sent': a held lead was deliberately not handed to anyone.
// An unclaimed lead reached nobody either: it is escalated at its full SLA like the others.
const WATCHED: LeadDelivery[] = ['delivered', 'awaiting_owner', 'unassigned', 'failed'];

interface DueStep {
  lead: Lead;
  sla: number;
  step: 'remind' | 'escalate';
  dueAt: Date;
}

export interface SpeedToLeadSummary {
  reminded: number;
  escalated: number;
  reassigned?: number;
}

export async function remindAndEscalate(deps: SlaDeps): Promise<SpeedToLeadSummary> {
  const now = deps.clock.now();
  const summary: SpeedToLeadSummary = { reminded: 0, escalated: 0 };
  let after = '';
  let rollUp = false;
  for (;;) {
    await deps.dbHandle.turns.backgroundTurn();
    const page = await deps.db
      .selectFrom('leads')
      .selectAll()
      .where('status', '=', 'new')
      .where('delivery', 'in', WATCHED)
      .where('escalated_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    const ladder = deps.routing?.ladder ?? DEFAULT_LADDER;
    const clock = await slaClock(deps, page);
    const due = page.flatMap((lead) => dueStep(lead, slaFor(deps.config.leadSla, lead.stage), now, ladder, clock) ?? []);
    // Once a run rolls up, its later pages do too: one catch-up reads as one kind of message.
    rollUp ||= due.filter((d) => d.step === 'escalate').length > ROLLUP_OVER;
    const done = due.length === 0 ? { reminded: 0, escalated: 0 } : await deps.notices.transaction(async (out) => {
      const counts: SpeedToLeadSummary = { reminded: 0, escalated: 0 };
      const rolledUp: Lead[] = [];
      for (const { lead, sla, step, dueAt } of due) {
        if (step === 'escalate') {
          if (!(await escalate(deps, out, lead, sla, rollUp))) continue;
          counts.escalated += 1;
          if (rollUp) rolledUp.push(lead);
        } else if (await remind(out, deps.config, lead, sla, dueAt)) counts.reminded += 1;
      }
      if (rolledUp.length > 0) await tellEscalations(deps, out, rolledUp);
      return counts;
    }, { now });
    summary.reminded += done.reminded;
    summary.escalated += done.escalated;
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
  }
  if (deps.routing?.ladder.reassignAt !== undefined) summary.reassigned = await reassignUnanswered(deps, deps.routing, deps.routing.ladder.reassignAt, now);
  return summary;
}

/** How long a lead has waited, by the SLA's clock: wall time, or working hours only (business_hours_sla, in the owner's time zone). */
interface SlaClock {
  waited(lead: Lead, since: Date, now: Date): number;
  after(lead: Lead, since: Date, ms: number): Date;
}

async function slaClock(deps: SlaDeps, leads: Lead[]): Promise<SlaClock> {
  const routing = deps.routing;
  const hours = routing?.businessHoursSla ? routing.workingHours : undefined;
  if (!hours) return { waited: (_l, since, now) => now.getTime() - since.getTime(), after: (_l, since, ms) => new Date(since.getTime() + ms) };
  const owners = [...new Set(leads.map((l) => l.owner_slack_id).filter((o): o is string => Boolean(o)))];
  const zones = new Map(owners.length === 0 ? [] : (await deps.db.selectFrom('rep_presence').select(['user_id', 'tz']).where('user_id', 'in', owners).execute()).map((r) => [r.user_id, r.tz]));
  const tz = (lead: Lead) => (lead.owner_slack_id && zones.get(lead.owner_slack_id)) || deps.config.timeZone;
  return {
    waited: (lead, since, now) => workingMsBetween(since, now, hours, tz(lead)),
    after: (lead, since, ms) => addWorkingMs(since, ms, hours, tz(lead)),
  };
}

function dueStep(lead: Lead, sla: number, now: Date, ladder: SlaLadder, clock: SlaClock): DueStep | undefined {
  // A delivered lead's clock starts when its owner could first see it; any other has only its arrival.
  const since = new Date(Date.parse((lead.delivery === 'delivered' && lead.delivered_at) || lead.received_at));
  const waited = clock.waited(lead, since, now);
  const dueAt = clock.after(lead, since, sla * ladder.escalateAt);
  if (waited >= sla * ladder.escalateAt) return { lead, sla, step: 'escalate', dueAt };
  // Only a delivered lead has an owner who saw it and can be nudged.
  if (lead.delivery === 'delivered' && waited >= sla * ladder.remindAt && !lead.reminded_at) return { lead, sla, step: 'remind', dueAt };
  return undefined;
}

/**
 * The last step of the ladder: a delivered lead still unanswered at `reassignAt` of its SLA moves
 * to the next available rep of its pool (not its owner), who gets the DM and a fresh clock; the old
 * owner's DM says where it went. Nobody available: it stays, already escalated.
 */
async function reassignUnanswered(deps: SlaDeps, routing: Routing, reassignAt: number, now: Date): Promise<number> {
  const leads = await deps.db.selectFrom('leads').selectAll().where('status', '=', 'new').where('delivery', '=', 'delivered').where('owner_slack_id', 'is not', null).where('escalated_at', 'is not', null).execute();
  const clock = await slaClock(deps, leads);
  let moved = 0;
  for (const lead of leads) {
    const sla = slaFor(deps.config.leadSla, lead.stage);
    if (clock.waited(lead, new Date(Date.parse(lead.delivered_at ?? lead.received_at)), now) < sla * reassignAt) continue;
    await deps.dbHandle.turns.backgroundTurn();
    const done = await deps.notices.transaction(async (out) => {
      const assigned = await assignFromPools(out.trx, routing, lead, now, deps.config.timeZone, sla, lead.owner_slack_id ?? undefined);
      if (!assigned || !('userId' in assigned)) return false;
      const why = `unanswered past ${reassignAt}× its SLA with <@${lead.owner_slack_id}>; ${assigned.why}`;
      return moveLead(deps, out, lead, assigned.userId, why, 'unanswered');
    }, { now });
    if (done) moved += 1;
  }
  return moved;
}

async function remind(out: Outgoing, routes: EventRoutes, lead: Lead, sla: number, dueAt: Date): Promise<boolean> {
  const { trx, now } = out;
  if (!lead.owner_slack_id) return false;
  const owner = lead.owner_slack_id;
  const marked = await trx
    .updateTable('leads')
    .set({ reminded_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', lead.id)
    .where('reminded_at', 'is', null)
    .where('status', '=', 'new')
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return false;
  await out.post(owner, { type: 'lead.reminder', lead, slaMs: sla, dueAt }, { dedupeKey: `lead-reminder:${lead.id}${await moveSuffix(trx, lead.id)}` });
  await addLeadEvent(trx, now, routes, { leadId: lead.id, type: 'reminded', actor: null, detail: { owner, sla_ms: sla } });
  return true;
}

/** A lead that moved to another owner gets their own reminder and escalation: keyed by the move. */
async function moveSuffix(db: Kysely<Database>, leadId: string): Promise<string> {
  const moves = await db.selectFrom('lead_events').select('id').where('lead_id', '=', leadId).where('type', '=', 'reassigned').execute();
  return moves.length > 0 ? `:move-${moves.length}` : '';
}

/** Marks the lead escalated and tells SALES_CHANNEL, unless `rolledUp`: then the caller tells it with others. */
async function escalate(deps: SlaDeps, out: Outgoing, lead: Lead, sla: number, rolledUp: boolean): Promise<boolean> {
  const { trx, now } = out;
  const channel = deps.config.salesChannel;
  const marked = await trx
    .updateTable('leads')
    .set({ escalated_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', lead.id)
    .where('escalated_at', 'is', null)
    .where('status', '=', 'new')
    // The text says why nobody acted (unknown owner, failed DM); an owner resolved since the
    // page was read makes that untrue, so such a lead waits for the next run's fresh look.
    .where('delivery', '=', lead.delivery)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return false;
  if (!channel) {
    deps.logger.warn({ leadId: lead.id }, 'a lead passed its SLA unanswered, but SALES_CHANNEL is not set: nobody was told');
  } else if (!rolledUp) {
    await out.post(channel, { type: 'lead.escalated', lead, slaMs: sla }, { dedupeKey: `lead-escalation:${lead.id}${await moveSuffix(trx, lead.id)}` });
  }
  await addLeadEvent(trx, now, deps.config, { leadId: lead.id, type: 'escalated', detail: { owner: lead.owner_slack_id, delivery: lead.delivery, channel: channel ?? null, sla_ms: sla, ...(rolledUp ? { rolled_up: true } : {}) } });
  return true;
}

/** One message for many escalations, in the transaction that marked them (so it is sent exactly when they are). */
async function tellEscalations(deps: SlaDeps, out: Outgoing, leads: Lead[]): Promise<void> {
  const channel = deps.config.salesChannel;
  if (!channel) return;
  // A lead is escalated once, so the first lead of a roll-up names it for good.
  await out.post(channel, { type: 'lead.escalations', leads }, { dedupeKey: `lead-escalation-rollup:${leads[0].id}` });
}
