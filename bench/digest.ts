// The weekly digest's queries at scale: 1,000,000 leads over 26 weeks (≈38,000 in the digest's
// week), 1,000 campaigns with 3 assets each, 100,000 ratings by 200 reps. Seeds a temporary
// database through the real migrations (so the indexes are the real ones) with raw prepared
// inserts, then times loadDigestData + buildDigest, the whole of what the weekly job computes.
// Goal: under 500 ms. Run alone with `node --import tsx bench/digest.ts`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDigestData } from '../src/domain/digest/data.ts';
import { parseSla, type SlaByStage } from '../src/domain/sla.ts';
import { buildDigest } from '../src/views/digest.ts';

const SCALE = { leads: 1_000_000, ratings: 100_000, campaigns: 1_000, assetsPerCampaign: 3, reps: 200, weeks: 26 };
const DAY = 86_400_000;
const RUNS = 5;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills an empty, migrated database; secondary indexes are dropped during the fill and rebuilt once. */
function seed(path: string, now: number): void {
  const db = new SQLite(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const indexes = db.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('leads', 'content_ratings')").all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`drop index ${index.name}`);
  const random = prng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const reps = Array.from({ length: SCALE.reps }, (_, i) => `UREP${String(i).padStart(5, '0')}`);
  const stages = ['awareness', 'consideration', 'decision', null];
  const reasons = ['no_budget', 'not_decision_maker', 'too_early', 'bad_fit', 'bad_data', 'duplicate', 'other'];

  const insertCampaign = db.prepare(`insert into campaigns (key, name, key_messages, talking_points, starts_on, status, created_at, updated_at)
    values (?, ?, '[]', '[]', ?, 'active', ?, ?)`);
  const insertAsset = db.prepare('insert into campaign_assets (campaign_id, title, url, kind, position, created_at) values (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let c = 1; c <= SCALE.campaigns; c++) {
      const starts = now + Math.floor((random() * 60 - 30) * DAY);
      const { lastInsertRowid } = insertCampaign.run(`campaign-${String(c).padStart(4, '0')}`, `Campaign ${c}`, iso(starts).slice(0, 10), iso(starts - 30 * DAY), iso(starts - 30 * DAY));
      for (let a = 0; a < SCALE.assetsPerCampaign; a++) {
        insertAsset.run(lastInsertRowid, `Asset ${c}-${a}`, `https://content.example/${c}/${a}`, 'ebook', a, iso(now - Math.floor(random() * SCALE.weeks * 7 * DAY)));
      }
    }
  })();

  const insertLead = db.prepare(`insert into leads (id, email, email_lower, name, title, company, owner_email, owner_slack_id, campaign_key, stage, score,
    activities, fields, status, delivery, received_at, delivered_at, answered_at, answered_by, reject_reason, updated_at)
    values (?, ?, ?, ?, 'CTO', ?, ?, ?, ?, ?, ?, '[]', '{}', ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < SCALE.leads; i++) {
      const received = now - Math.floor(random() * SCALE.weeks * 7 * DAY);
      const r = random();
      const status = r < 0.4 ? 'accepted' : r < 0.55 ? 'rejected' : r < 0.6 ? 'hot' : r < 0.65 ? 'held' : 'new';
      const delivered = status === 'held' ? null : iso(received + 2000);
      const answered = status === 'new' || status === 'held' ? null : iso(received + Math.floor(random() * 48 * 3_600_000));
      const owner = pick(reps);
      const id = `lead-${String(i).padStart(7, '0')}`;
      insertLead.run(
        id, `${id}@prospect.example`, `${id}@prospect.example`, `Prospect ${i}`, `Company ${i % 5000}`, `${owner.toLowerCase()}@yourco.example`, owner,
        `campaign-${String(1 + (i % SCALE.campaigns)).padStart(4, '0')}`, pick(stages), Math.floor(random() * 100),
        status, status === 'held' ? 'not_sent' : 'delivered', iso(received), delivered, answered, answered ? owner : null,
        status === 'rejected' ? pick(reasons) : null, answered ?? iso(received),
      );
    }
  })();

  const insertRating = db.prepare(`insert into content_ratings (asset_id, campaign_id, user_id, lead_id, verdict, rated_at, comment, commented_at, created_at, updated_at)
    values (?, ?, ?, null, ?, ?, ?, ?, ?, ?)`);
  const assets = SCALE.campaigns * SCALE.assetsPerCampaign;
  const seen = new Set<number>();
  db.transaction(() => {
    while (seen.size < SCALE.ratings) {
      const asset = 1 + Math.floor(random() * assets);
      const rep = Math.floor(random() * SCALE.reps);
      if (seen.has(asset * SCALE.reps + rep)) continue;
      seen.add(asset * SCALE.reps + rep);
      const at = iso(now - Math.floor(random() * SCALE.weeks * 7 * DAY));
      const commented = random() < 0.1;
      insertRating.run(asset, Math.ceil(asset / SCALE.assetsPerCampaign), reps[rep], random() < 0.7 ? 'useful' : 'not_useful', at, commented ? 'Helped me open the call' : null, commented ? at : null, at, at);
    }
  })();
  for (const index of indexes) db.exec(index.sql);
  db.exec('analyze');
  db.pragma('journal_mode = WAL');
  db.close();
}

async function timeDigest(path: string, now: Date, sla: SlaByStage): Promise<number> {
  const handle = openDatabase(path);
  try {
    await migrateToLatest(handle.db);
    const period = { start: new Date(now.getTime() - 7 * DAY), end: now };
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const began = performance.now();
      buildDigest(await loadDigestData({ db: handle.db, sla, timeZone: 'UTC' }, period, now), now);
      times.push(performance.now() - began);
    }
    // The first run reads the pages from disk: that is what the weekly job sees, so it counts.
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    await handle.close();
  }
}

/**
 * Seeds (unless given an already seeded database) and times the digest; the median of a few
 * runs, in milliseconds, and the process's resident memory afterwards.
 */
export async function benchDigest(opts: { databasePath?: string; now?: Date } = {}): Promise<{ ms: number; rssMb: number }> {
  const now = opts.now ?? new Date();
  const sla = parseSla('decision=1h,consideration=24h,awareness=72h,default=24h') as SlaByStage;
  let dir: string | undefined;
  let path = opts.databasePath;
  if (!path) {
    dir = mkdtempSync(join(tmpdir(), 'handoff-bench-digest-'));
    path = join(dir, 'digest.db');
    const handle = openDatabase(path);
    await migrateToLatest(handle.db);
    await handle.close();
    seed(path, now.getTime());
  }
  try {
    const ms = await timeDigest(path, now, sla);
    return { ms: Math.round(ms * 10) / 10, rssMb: Math.round(process.memoryUsage().rss / 1048576) };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const began = performance.now();
  const result = await benchDigest();
  process.stdout.write(`${JSON.stringify(result)} (seed + measure took ${Math.round((performance.now() - began) / 1000)} s)\n`);
}
