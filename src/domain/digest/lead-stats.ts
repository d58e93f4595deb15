import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { slaFor, type SlaByStage } from '../sla.ts';

// Lead figures for the digest, aggregated in SQL over the window's leads (index leads_received),
// so the cost follows the leads of one week, not the whole table.

export interface Period {
  start: Date;
  end: Date;
}

export interface LeadTotals {
  received: number;
  handedOver: number;
  accepted: number;
  rejected: number;
  hot: number;
  held: number;
  waiting: number;
  overdue: number;
}

export interface SpeedToLead {
  answered: number;
  answeredWithinSla: number;
  /** answered + unanswered past SLA: leads whose SLA outcome is known. */
  decided: number;
  medianMs: number | null;
}

export interface OverdueLead {
  name: string | null;
  company: string | null;
  ownerSlackId: string | null;
  waitingMs: number;
}

export interface CampaignRow {
  key: string | null;
  received: number;
  handedOver: number;
  accepted: number;
  rejected: number;
  hot: number;
  held: number;
}

type Eb = ExpressionBuilder<Database, 'leads'>;

const inPeriod = (p: Period) => (eb: Eb) =>
  eb.and([eb('received_at', '>=', p.start.toISOString()), eb('received_at', '<', p.end.toISOString())]);

const count = (eb: Eb, condition: ReturnType<Eb['and']>) => eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());

/** When the lead's SLA clock started: the DM's delivery, or its arrival if it never went out. */
const slaStart = (eb: Eb) => eb.fn.coalesce('delivered_at', 'received_at');

/**
 * Unanswered leads whose stage's SLA ran out before `now`. The SLA differs by stage, so each
 * stage gets its own cut-off; ISO strings compare as times on every engine.
 */
function overdue(eb: Eb, sla: SlaByStage, now: Date) {
  const cutoff = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const stages = Object.keys(sla.byStage);
  const stage = eb.fn<string>('lower', ['stage']);
  const byStage = stages.map((s) => eb.and([eb(stage, '=', s), eb(slaStart(eb), '<', cutoff(sla.byStage[s]))]));
  const otherStage = stages.length ? eb.or([eb('stage', 'is', null), eb(stage, 'not in', stages)]) : eb.lit(true);
  const fallback = eb.and([otherStage, eb(slaStart(eb), '<', cutoff(sla.default))]);
  return eb.and([eb('status', '=', 'new'), eb('answered_at', 'is', null), eb.or([...byStage, fallback])]);
}

export interface LeadBreakdown {
  totals: LeadTotals;
  /** Largest first (all of them: the view keeps the top ones and sums the rest). */
  campaigns: CampaignRow[];
}

/**
 * Totals and per-campaign rows from ONE grouped scan of the window's leads
 * (index-only on leads_digest): at most campaigns × statuses × reasons rows come back.
 */
export async function leadBreakdown(db: Kysely<Database>, p: Period, sla: SlaByStage, now: Date): Promise<LeadBreakdown> {
  const rows = await db
    .selectFrom('leads')
    .select((eb) => ['campaign_key', 'status', 'reject_reason', eb.fn.countAll<number>().as('n'), count(eb, overdue(eb, sla, now)).as('overdue')])
    .where(inPeriod(p))
    .groupBy(['campaign_key', 'status', 'reject_reason'])
    .execute();
  const totals: LeadTotals = { received: 0, handedOver: 0, accepted: 0, rejected: 0, hot: 0, held: 0, waiting: 0, overdue: 0 };
  const campaigns = new Map<string | null, CampaignRow>();
  for (const r of rows) {
    const n = Number(r.n);
    const campaign = campaigns.get(r.campaign_key) ?? { key: r.campaign_key, received: 0, handedOver: 0, accepted: 0, rejected: 0, hot: 0, held: 0 };
    campaigns.set(r.campaign_key, campaign);
    totals.received += n;
    campaign.received += n;
    totals.overdue += Number(r.overdue ?? 0);
    if (r.status !== 'held') {
      totals.handedOver += n;
      campaign.handedOver += n;
    }
    switch (r.status) {
      case 'accepted': totals.accepted += n; campaign.accepted += n; break;
      case 'hot': totals.hot += n; campaign.hot += n; break;
      case 'held': totals.held += n; campaign.held += n; break;
      case 'new': totals.waiting += n; break;
      case 'rejected': {
        totals.rejected += n;
        campaign.rejected += n;
        break;
      }
    }
  }
  return {
    totals,
    campaigns: [...campaigns.values()].sort((a, b) => b.received - a.received || (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff')),
  };
}

/**
 * Share answered within SLA and median time to answer. Durations need date arithmetic no
 * portable SQL has, so this reads the answered leads of the window: a week's worth, not all.
 */
export async function speedToLead(db: Kysely<Database>, p: Period, sla: SlaByStage, overdueCount: number): Promise<SpeedToLead> {
  const rows = await db
    .selectFrom('leads')
    .select((eb) => ['stage', 'answered_at', slaStart(eb).as('started_at')])
    .where(inPeriod(p))
    .where('status', '!=', 'held')
    .where('answered_at', 'is not', null)
    .execute();
  const durations: number[] = [];
  let within = 0;
  for (const r of rows) {
    const ms = Math.max(0, Date.parse(r.answered_at!) - Date.parse(r.started_at));
    if (Number.isNaN(ms)) continue;
    durations.push(ms);
    if (ms <= slaFor(sla, r.stage)) within += 1;
  }
  durations.sort((a, b) => a - b);
  const mid = durations.length >> 1;
  const medianMs = durations.length === 0 ? null : durations.length % 2 ? durations[mid] : (durations[mid - 1] + durations[mid]) / 2;
  return { answered: durations.length, answeredWithinSla: within, decided: durations.length + overdueCount, medianMs };
}

export interface RepRow {
  slackId: string;
  /** Leads the rep owned in the week (or were moved from them). */
  leads: number;
  answeredWithinSla: number;
  medianMs: number | null;
  /** Leads taken from the rep: claimed from an escalation or a cover offer, or moved by the ladder. */
  reassignedAway: number;
}

export interface Handovers {
  reps: RepRow[];
  claims: number;
  reassignments: number;
}

/**
 * For sales managers: per rep, the week's leads, how many they answered within SLA, their median
 * time to answer, and how many were taken from them; and the week's claims and reassignments.
 */
export async function handovers(db: Kysely<Database>, p: Period, sla: SlaByStage): Promise<Handovers> {
  const at = [p.start.toISOString(), p.end.toISOString()];
  const moves = await db.selectFrom('lead_events').select(['type', 'detail']).where('type', 'in', ['claimed', 'reassigned']).where('at', '>=', at[0]).where('at', '<', at[1]).execute();
  const awayFrom = new Map<string, number>();
  let reassignments = 0;
  for (const m of moves.filter((e) => e.type === 'reassigned')) {
    let from: string | undefined;
    try { from = (JSON.parse(m.detail ?? '{}') as { from?: { slack_user_id?: string } | null }).from?.slack_user_id; } catch { from = undefined; }
    if (!from) continue;
    reassignments += 1;
    awayFrom.set(from, (awayFrom.get(from) ?? 0) + 1);
  }
  const rows = await db
    .selectFrom('leads')
    .select((eb) => ['owner_slack_id', 'stage', 'answered_at', slaStart(eb).as('started_at')])
    .where(inPeriod(p))
    .where('status', '!=', 'held')
    .where('owner_slack_id', 'is not', null)
    .execute();
  const byRep = new Map<string, { leads: number; within: number; durations: number[] }>();
  for (const r of rows) {
    const rep = byRep.get(r.owner_slack_id!) ?? { leads: 0, within: 0, durations: [] };
    rep.leads += 1;
    if (r.answered_at) {
      const ms = Math.max(0, Date.parse(r.answered_at) - Date.parse(r.started_at));
      if (!Number.isNaN(ms)) {
        rep.durations.push(ms);
        if (ms <= slaFor(sla, r.stage)) rep.within += 1;
      }
    }
    byRep.set(r.owner_slack_id!, rep);
  }
  for (const [from, n] of awayFrom) {
    const rep = byRep.get(from) ?? { leads: 0, within: 0, durations: [] };
    rep.leads += n;
    byRep.set(from, rep);
  }
  const reps = [...byRep.entries()].map(([slackId, r]): RepRow => {
    const d = r.durations.sort((a, b) => a - b);
    const mid = d.length >> 1;
    return { slackId, leads: r.leads, answeredWithinSla: r.within, medianMs: d.length === 0 ? null : d.length % 2 ? d[mid] : (d[mid - 1] + d[mid]) / 2, reassignedAway: awayFrom.get(slackId) ?? 0 };
  }).sort((a, b) => b.leads - a.leads || a.slackId.localeCompare(b.slackId));
  return { reps, claims: moves.filter((e) => e.type === 'claimed').length, reassignments };
}

/** The longest-waiting unanswered leads past their SLA: names, companies and owners only. */
export async function overdueLeads(db: Kysely<Database>, p: Period, sla: SlaByStage, now: Date, limit: number): Promise<OverdueLead[]> {
  const rows = await db
    .selectFrom('leads')
    .select((eb) => ['name', 'company', 'owner_slack_id', slaStart(eb).as('started_at')])
    .where(inPeriod(p))
    .where((eb) => overdue(eb, sla, now))
    .orderBy('received_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: r.name, company: r.company, ownerSlackId: r.owner_slack_id, waitingMs: now.getTime() - Date.parse(r.started_at) }));
}
