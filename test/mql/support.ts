import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, NewLead } from '../../src/db/schema.ts';

/** Writes a rules file into a fresh temp folder and returns its path. */
export function writeRules(content: string | object, name = 'mql.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-mql-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A lead row as intake stores a held one; tests override what they need. */
export async function insertLead(db: Kysely<Database>, lead: Partial<NewLead> & { id: string }): Promise<void> {
  const at = lead.received_at ?? '2026-11-23T09:00:00.000Z';
  const email = lead.email ?? `${lead.id}@example.org`;
  await db
    .insertInto('leads')
    .values({
      email,
      email_lower: email.toLowerCase(),
      name: null,
      title: null,
      company: null,
      owner_email: 'rep@yourco.example',
      owner_slack_id: 'UREP00001',
      campaign_key: null,
      stage: null,
      score: null,
      activities: '[]',
      fields: '{}',
      status: 'held',
      delivery: 'not_sent',
      qualification: JSON.stringify({ qualified: false, met: [], failed: ['score 45 is below 60'], checks: [{ rule: 'min_score', passed: false, actual: 45, expected: 60 }] }),
      received_at: at,
      updated_at: at,
      ...lead,
    })
    .execute();
}

export async function outboxRows(db: Kysely<Database>, target?: string) {
  let q = db.selectFrom('outbox').selectAll().orderBy('id');
  if (target) q = q.where('target', '=', target);
  return (await q.execute()).map((row) => ({ ...row, payload: JSON.parse(row.payload) }));
}

/**
 * Waits until the outbox has sent everything queued so far, and fails on anything Slack refused
 * (a message Slack rejects, e.g. for a Block Kit limit, is a bug here).
 */
export async function drained(app: { handoff: { deps: { db: Kysely<Database> } } }, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await app.handoff.deps.db.selectFrom('outbox').select(['id', 'status', 'last_error', 'target']).execute();
    const failed = rows.filter((r) => r.status === 'failed');
    if (failed.length > 0) throw new Error(`outbox rows failed: ${JSON.stringify(failed)}`);
    if (rows.every((r) => r.status === 'sent')) return;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(rows.filter((r) => r.status !== 'sent'))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
