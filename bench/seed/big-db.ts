// The million-lead database the digest and start-up benchmarks run against: 1,000,000 leads over
// the past 26 weeks (≈38,000 in the digest's week), 1,000 campaigns with 3 assets each, 100,000
// content ratings by 200 reps, one 'received' event per lead. Built through the app's own
// migrations (so the schema and indexes are the real ones), filled with raw prepared inserts, and
// cached between runs (keyed by the migrations and the day, since the digest looks at "last week").

import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export const SCALE = { leads: 1_000_000, ratings: 100_000, campaigns: 1_000, assetsPerCampaign: 3, reps: 200, weeks: 26 };
const SEED_VERSION = 2;
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers, so every run seeds the same shape. */
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

function cacheKey(): string {
  const migrations = readdirSync(MIGRATIONS_DIR).sort().join(',');
  const day = new Date().toISOString().slice(0, 10);
  return createHash('sha256').update(`${SEED_VERSION}|${JSON.stringify(SCALE)}|${migrations}|${day}`).digest('hex').slice(0, 16);
}

function tableExists(db: SQLite.Database, name: string): boolean {
  return Boolean(db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name));
}

function columns(db: SQLite.Database, table: string): Set<string> {
  return new Set((db.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
}

/** Builds `insert into T (cols…) values (@cols…)` over the columns the table really has. */
function insertInto(db: SQLite.Database, table: string, row: Record<string, unknown>): SQLite.Statement {
  const have = columns(db, table);
  const cols = Object.keys(row).filter((c) => have.has(c));
  return db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
}

async function seed(path: string, now: number, log: (m: string) => void): Promise<void> {
  const handle = openDatabase(path);
  await migrateToLatest(handle.db);
  await handle.close();

  const db = new SQLite(path);
  // Seeding only: a crash here just means seeding again.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  // Filling tables without their secondary indexes and building each index once afterwards is
  // several times faster than keeping them up to date row by row.
  const indexes = db.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('leads', 'lead_events', 'content_ratings')").all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`drop index ${index.name}`);
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const reps = Array.from({ length: SCALE.reps }, (_, i) => `UREP${String(i).padStart(5, '0')}`);
  const stages = ['awareness', 'consideration', 'decision'];
  const reasons = ['no_budget', 'wrong_person', 'competitor', 'not_a_fit', 'duplicate'];

  const campaignRow = (i: number) => {
    const starts = now + Math.floor((random() * 40 - 30) * DAY);
    return {
      key: `campaign-${String(i).padStart(4, '0')}`, name: `Campaign ${i}`, goal: 'Book discovery calls', audience: 'VP Data', stage: pick(stages),
      offer: 'Free assessment', key_messages: '["Ship faster"]', talking_points: '["Ask what stalled"]',
      starts_on: iso(starts).slice(0, 10), ends_on: iso(starts + 45 * DAY).slice(0, 10), owner_slack_id: 'UMKT00001', owner_email: 'marketer@yourco.example',
      status: 'active', created_by: 'UMKT00001', created_at: iso(starts - 7 * DAY), updated_at: iso(starts - 7 * DAY),
    };
  };
  const insertCampaign = insertInto(db, 'campaigns', campaignRow(0));
  const assetRow = (campaignId: number, n: number) => ({
    campaign_id: campaignId, title: `Asset ${campaignId}-${n}`, url: `https://example.com/c${campaignId}/a${n}`, kind: 'ebook', position: n, removed_at: null, created_at: iso(now - 200 * DAY),
  });
  const insertAsset = insertInto(db, 'campaign_assets', assetRow(1, 0));
  db.transaction(() => {
    for (let i = 1; i <= SCALE.campaigns; i++) {
      const { lastInsertRowid } = insertCampaign.run(campaignRow(i));
      for (let n = 0; n < SCALE.assetsPerCampaign; n++) insertAsset.run(assetRow(Number(lastInsertRowid), n));
    }
  })();
  log(`seeded ${SCALE.campaigns} campaigns`);

  const leadRow = (i: number) => {
    const received = now - Math.floor(random() * SCALE.weeks * 7 * DAY);
    const r = random();
    const status = r < 0.4 ? 'accepted' : r < 0.55 ? 'rejected' : r < 0.6 ? 'hot' : r < 0.65 ? 'held' : 'new';
    const answered = status === 'new' || status === 'held' ? null : iso(received + Math.floor(random() * 48 * 3_600_000));
    const owner = pick(reps);
    const id = `lead-${String(i).padStart(7, '0')}`;
    const stage = pick(stages);
    // An unanswered lead past its SLA was reminded and escalated long ago, as the every-minute job would have.
    const sla = stage === 'decision' ? 3_600_000 : stage === 'awareness' ? 3 * DAY : DAY;
    const waited = now - received;
    const reminded = status === 'new' && waited >= sla / 2 ? iso(received + sla / 2) : null;
    const escalated = status === 'new' && waited >= sla ? iso(received + sla) : null;
    return {
      id, email: `${id}@prospect.example`, email_lower: `${id}@prospect.example`, name: `Prospect ${i}`, title: 'CTO', company: `Company ${i % 5000}`,
      owner_email: `${owner.toLowerCase()}@yourco.example`, owner_slack_id: owner, campaign_key: `campaign-${String(1 + (i % SCALE.campaigns)).padStart(4, '0')}`,
      stage, score: Math.floor(random() * 100), activities: '[{"type":"downloaded","content":"Guide"}]', fields: '{}',
      status, delivery: status === 'held' ? 'not_sent' : 'delivered', qualification: null, received_at: iso(received),
      delivered_at: status === 'held' ? null : iso(received + 2000), answered_at: answered, answered_by: answered ? owner : null,
      reject_reason: status === 'rejected' ? pick(reasons) : null, reject_comment: null, reminded_at: reminded, escalated_at: escalated,
      dm_channel: status === 'held' ? null : `D${owner.slice(1)}`, dm_ts: null, updated_at: answered ?? iso(received),
    };
  };
  const insertLead = insertInto(db, 'leads', leadRow(0));
  const insertEvent = db.prepare("insert into lead_events (lead_id, type, actor, detail, at) values (?, 'received', null, null, ?)");
  const chunk = 50_000;
  for (let start = 0; start < SCALE.leads; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(start + chunk, SCALE.leads); i++) {
        const row = leadRow(i);
        insertLead.run(row);
        insertEvent.run(row.id, row.received_at);
      }
    })();
  }
  log(`seeded ${SCALE.leads} leads`);

  if (tableExists(db, 'content_ratings')) {
    const assets = SCALE.campaigns * SCALE.assetsPerCampaign;
    const seen = new Set<number>();
    const ratingRow = (assetId: number, user: string) => {
      const at = iso(now - Math.floor(random() * SCALE.weeks * 7 * DAY));
      const commented = random() < 0.1;
      return {
        asset_id: assetId, campaign_id: Math.ceil(assetId / SCALE.assetsPerCampaign), user_id: user, lead_id: null, verdict: random() < 0.7 ? 'useful' : 'not_useful',
        rated_at: at, comment: commented ? 'Helped me open the call' : null, commented_at: commented ? at : null, created_at: at, updated_at: at,
      };
    };
    const insertRating = insertInto(db, 'content_ratings', ratingRow(1, reps[0]));
    db.transaction(() => {
      while (seen.size < SCALE.ratings) {
        const asset = 1 + Math.floor(random() * assets);
        const rep = Math.floor(random() * SCALE.reps);
        const key = asset * SCALE.reps + rep;
        if (seen.has(key)) continue;
        seen.add(key);
        insertRating.run(ratingRow(asset, reps[rep]));
      }
    })();
    log(`seeded ${SCALE.ratings} ratings`);
  } else {
    log('no content_ratings table yet (ratings has not landed): seeded no ratings');
  }
  for (const index of indexes) db.exec(index.sql);
  log(`rebuilt ${indexes.length} indexes`);
  db.exec('analyze');
  db.pragma('journal_mode = WAL');
  db.close();
}

/** The seeded database's path (built now unless today's is cached), and whether ratings are in it. */
export async function bigDatabase(cacheDir: string, log: (m: string) => void): Promise<{ path: string; hasRatings: boolean; seededSeconds: number | null }> {
  const path = join(cacheDir, `big-${cacheKey()}.db`);
  let seededSeconds: number | null = null;
  if (!existsSync(path)) {
    for (const old of readdirSync(cacheDir).filter((f) => f.startsWith('big-'))) rmSync(join(cacheDir, old), { force: true });
    const building = `${path}.building`;
    rmSync(building, { force: true });
    const t0 = performance.now();
    log(`seeding ${SCALE.leads.toLocaleString('en')} leads (cached for later runs today)…`);
    await seed(building, Date.now(), log);
    renameSync(building, path);
    seededSeconds = (performance.now() - t0) / 1000;
  }
  const db = new SQLite(path, { readonly: true });
  const hasRatings = tableExists(db, 'content_ratings');
  db.close();
  return { path, hasRatings, seededSeconds };
}

/** A private copy for a run that writes (the app migrates, its jobs may enqueue). */
export function copyDatabase(path: string, to: string): string {
  copyFileSync(path, to);
  return to;
}
