import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isRejectReason, REJECT_REASONS } from '../leads/model.ts';
import { formatScore } from './words.ts';

export interface RejectionInsight {
  /** The reps' reason code, e.g. 'too_early'. */
  reason: string;
  /** Leads rejected for this reason. */
  rejected: number;
  /** Leads handed to reps in the same period (held leads never reached one). */
  of: number;
  /** Score range of the rejected leads that had a score; null when none had one. */
  minScore: number | null;
  maxScore: number | null;
  /** Rejected leads without a score. */
  unscored: number;
}

/**
 * Reps' rejections set against the definition, for the digest: per reason code, how many of the
 * leads received in [since, until) and handed over were rejected, and the scores they had.
 * `handedOver` saves counting them again when the caller already has the figure (the digest).
 */
export async function rejectionsAgainstDefinition(db: Kysely<Database>, since: Date, until: Date, handedOver?: number): Promise<RejectionInsight[]> {
  const inPeriod = db
    .selectFrom('leads')
    .where('received_at', '>=', since.toISOString())
    .where('received_at', '<', until.toISOString());
  const handed = handedOver !== undefined ? { n: handedOver } : await inPeriod
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'held')
    .executeTakeFirst();
  const rows = await inPeriod
    .select((eb) => [
      'reject_reason',
      eb.fn.countAll<number>().as('rejected'),
      eb.fn.count<number>('score').as('scored'),
      eb.fn.min<number | null>('score').as('min_score'),
      eb.fn.max<number | null>('score').as('max_score'),
    ])
    .where('status', '=', 'rejected')
    .where('reject_reason', 'is not', null)
    .groupBy('reject_reason')
    .execute();
  const of = Number(handed?.n ?? 0);
  return rows
    .map((r) => ({
      reason: r.reject_reason as string,
      rejected: Number(r.rejected),
      of,
      minScore: r.min_score === null ? null : Number(r.min_score),
      maxScore: r.max_score === null ? null : Number(r.max_score),
      unscored: Number(r.rejected) - Number(r.scored),
    }))
    .sort((a, b) => b.rejected - a.rejected || a.reason.localeCompare(b.reason));
}

/** "12 of 40 leads rejected as too early — all scored 50–60" */
export function describeRejectionInsight(row: RejectionInsight): string {
  const label = isRejectReason(row.reason) ? REJECT_REASONS[row.reason].toLowerCase() : row.reason.replace(/[_-]+/g, ' ');
  const why = row.reason === 'other' ? 'for other reasons' : `as ${label}`;
  const head = `${row.rejected} of ${row.of} lead${row.of === 1 ? '' : 's'} rejected ${why}`;
  if (row.minScore === null || row.maxScore === null) return `${head} — none had a score`;
  const range = row.minScore === row.maxScore ? formatScore(row.minScore) : `${formatScore(row.minScore)}–${formatScore(row.maxScore)}`;
  const scored = row.rejected - row.unscored;
  if (row.unscored === 0) return `${head} — ${scored === 1 ? 'it' : 'all'} scored ${range}`;
  return `${head} — ${scored} scored ${range}, ${row.unscored} had no score`;
}
