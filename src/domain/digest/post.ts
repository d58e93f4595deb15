import type { Deps } from '../../deps.ts';
import { loadDigestData, type DigestData } from './data.ts';
import type { Period } from './lead-stats.ts';
import { firstScheduledTime, isoWeek } from './week.ts';

/** What posting the digest runs with. */
type DigestDeps = Pick<Deps, 'clock' | 'config' | 'db' | 'logger' | 'notices'>;

const WEEK_MS = 7 * 24 * 3_600_000;
// node-cron may call a moment before the minute it was set for; a run that early still counts.
const EARLY_TOLERANCE_MS = 30_000;

/** app_state key: when this database was created, by the process that created it. */
export const INSTALLED_AT_KEY = 'installed_at';

export type WeeklyOutcome =
  | { channel: string; week: string; result: 'queued'; outboxId: number | null }
  | { channel: string; week: string; result: 'already_posted' };

function source(deps: Pick<Deps, 'config' | 'db'>) {
  return { db: deps.db, sla: deps.config.leadSla, timeZone: deps.config.timeZone };
}

/**
 * The weekly run: for each digest channel, this ISO week's digest once its scheduled time
 * (DIGEST_CRON in TZ) has come. Safe to call any number of times, from any replica: the
 * (channel, week) row is taken in the same transaction as the outbox row, so only one wins.
 */
export async function runWeeklyDigests(deps: DigestDeps, options: { catchUp?: boolean } = {}): Promise<WeeklyOutcome[]> {
  const now = deps.clock.now();
  const { timeZone, digestCron, digestChannels } = deps.config;
  const week = isoWeek(now, timeZone);
  const scheduled = firstScheduledTime(digestCron, timeZone, week.start, new Date(now.getTime() + EARLY_TOLERANCE_MS));
  if (!scheduled) {
    deps.logger.debug({ week: week.label }, "this week's digest is not due yet");
    return [];
  }
  if (options.catchUp) {
    const installed = await installedAt(deps.db);
    if (installed && installed > scheduled) {
      deps.logger.info({ week: week.label, installedAt: installed.toISOString() }, "Handoff was installed after this week's digest time: the first digest goes out at the next one");
      return [];
    }
  }
  const period = { start: new Date(scheduled.getTime() - WEEK_MS), end: scheduled };
  // The same figures go to every channel: read them once, and only if some channel still needs them.
  let figures: Promise<DigestData> | undefined;
  const digest = () => (figures ??= loadDigestData(source(deps), period, now));
  const outcomes: WeeklyOutcome[] = [];
  for (const channel of digestChannels) outcomes.push(await postWeeklyDigest(deps, channel, week.label, period, digest));
  deps.logger.info(
    { week: week.label, queued: outcomes.filter((o) => o.result === 'queued').map((o) => o.channel), alreadyPosted: outcomes.filter((o) => o.result === 'already_posted').map((o) => o.channel) },
    'weekly digest checked',
  );
  return outcomes;
}

/** When this database was created (recorded at the first start); undefined for one created before that was recorded. */
async function installedAt(db: Deps['db']): Promise<Date | undefined> {
  const row = await db.selectFrom('app_state').select('value').where('key', '=', INSTALLED_AT_KEY).executeTakeFirst();
  return row ? new Date(row.value) : undefined;
}

async function postWeeklyDigest(deps: DigestDeps, channel: string, week: string, period: Period, digest: () => Promise<DigestData>): Promise<WeeklyOutcome> {
  const taken = await deps.db.selectFrom('digest_posts').select('id').where('channel', '=', channel).where('week', '=', week).executeTakeFirst();
  if (taken) return { channel, week, result: 'already_posted' };

  const data = await digest();
  const outboxId = await deps.notices.transaction(async (out) => {
    const { trx } = out;
    const at = out.now.toISOString();
    const claimed = await trx
      .insertInto('digest_posts')
      .values({ channel, week, period_start: period.start.toISOString(), period_end: period.end.toISOString(), outbox_id: null, created_at: at })
      .onConflict((oc) => oc.columns(['channel', 'week']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return undefined;
    const queued = await out.post(channel, { type: 'digest', data, onDemand: false }, { dedupeKey: `digest:${channel}:${week}` });
    await trx.updateTable('digest_posts').set({ outbox_id: queued.id }).where('id', '=', claimed.id).execute();
    return queued.id;
  });
  if (outboxId === undefined) return { channel, week, result: 'already_posted' };
  deps.logger.info({ channel, week }, 'weekly digest queued');
  return { channel, week, result: 'queued', outboxId };
}

/** An on-demand digest of the last 7 days (admins, the CLI): outside the once-a-week rule. */
export async function postDigestNow(deps: DigestDeps, channels: string[]): Promise<Array<{ channel: string; outboxId: number }>> {
  const now = deps.clock.now();
  const period = { start: new Date(now.getTime() - WEEK_MS), end: now };
  const data = await loadDigestData(source(deps), period, now);
  return deps.notices.transaction(async (out) => {
    const ids: Array<{ channel: string; outboxId: number }> = [];
    for (const channel of channels) {
      const { id } = await out.post(channel, { type: 'digest', data, onDemand: true });
      if (id !== null) ids.push({ channel, outboxId: id });
    }
    return ids;
  }, { now });
}
