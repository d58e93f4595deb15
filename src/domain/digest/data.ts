import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SlaByStage } from '../sla.ts';
import { campaignNames, campaignsStarting, newContent, ratedContent, type ContentLists, type NewAsset, type UpcomingCampaign } from './content-stats.ts';
import { handovers, leadBreakdown, overdueLeads, speedToLead, type CampaignRow, type Handovers, type LeadTotals, type OverdueLead, type Period, type SpeedToLead } from './lead-stats.ts';
import { rejectionsAgainstDefinition, type RejectionInsight } from '../mql/insights.ts';
import { addDays, localDate } from './week.ts';

/** Everything one digest shows; the view decides how much of each list fits. */
export interface DigestData {
  period: Period;
  timeZone: string;
  totals: LeadTotals;
  speed: SpeedToLead;
  /** Per rep, and the week's claims and reassignments. */
  handovers: Handovers;
  /** Reps' rejections by reason, set against the lead definition: how many of those handed over, and their scores. */
  rejections: RejectionInsight[];
  overdue: OverdueLead[];
  campaigns: Array<CampaignRow & { name: string | null }>;
  content: ContentLists;
  startingSoon: { list: UpcomingCampaign[]; total: number; until: string };
  newContent: { list: NewAsset[]; total: number };
}

export const DIGEST_LIMITS = {
  overdue: 10,
  campaigns: 10,
  content: 3,
  comments: 2,
  startingSoon: 10,
  newContent: 10,
  soonDays: 14,
} as const;

export interface DigestSource {
  db: Kysely<Database>;
  sla: SlaByStage;
  timeZone: string;
}

/** Reads one digest's figures for the period; `now` judges what is overdue and what starts soon. */
export async function loadDigestData(src: DigestSource, period: Period, now: Date): Promise<DigestData> {
  const { db, sla, timeZone } = src;
  const { totals, campaigns: rows } = await leadBreakdown(db, period, sla, now);
  const today = localDate(now, timeZone);
  const until = addDays(today, DIGEST_LIMITS.soonDays);
  const [speed, handoverRows, overdue, content, startingSoon, fresh, rejections] = await Promise.all([
    speedToLead(db, period, sla, totals.overdue),
    handovers(db, period, sla),
    overdueLeads(db, period, sla, now, DIGEST_LIMITS.overdue),
    ratedContent(db, period, { top: DIGEST_LIMITS.content, comments: DIGEST_LIMITS.comments }),
    campaignsStarting(db, today, until, DIGEST_LIMITS.startingSoon),
    newContent(db, period, DIGEST_LIMITS.newContent),
    totals.rejected > 0 ? rejectionsAgainstDefinition(db, period.start, period.end, totals.handedOver) : Promise.resolve([]),
  ]);
  const names = await campaignNames(db, rows.slice(0, DIGEST_LIMITS.campaigns).flatMap((r) => (r.key ? [r.key] : [])));
  return {
    period,
    timeZone,
    totals,
    speed,
    handovers: handoverRows,
    rejections,
    overdue,
    campaigns: rows.map((r) => ({ ...r, name: r.key ? names.get(r.key) ?? null : null })),
    content,
    startingSoon: { ...startingSoon, until },
    newContent: fresh,
  };
}
