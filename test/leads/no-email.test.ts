import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, dmMessage, eventually, leadRow, readable } from './support.ts';

// Salesforce Leads and HubSpot contacts created from a call or a form without an email field
// often have none, or one the CRM let through that is not an address ("n/a"). Such a lead is
// handed over all the same; only pausing its marketing emails is impossible, and the rep is told.

describe('a lead without a usable email', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  it('is stored and handed over, the answer saying why there is no email', async () => {
    const lead = await deliveredLead(app, { name: 'Nora Nomail', email: '' });
    const again = await app.post('/webhooks/leads', { ...lead.body, id: `${lead.id}-b`, email: undefined });
    expect(again.json).toEqual({
      id: `${lead.id}-b`, status: 'accepted',
      warnings: [{ path: 'email', message: 'is missing; the lead is handed over without one, and no marketing emails can be paused for it' }],
    });
    const wrong = await app.post('/webhooks/leads', { ...lead.body, id: `${lead.id}-c`, email: 'n/a' });
    expect(wrong.json.warnings).toEqual([{ path: 'email', message: 'must be an email address such as ada@analytical.example; left out' }]);
    expect(await leadRow(app, `${lead.id}-c`)).toMatchObject({ email: null, email_lower: null, status: 'new' });

    const dm = readable(dmMessage(app, lead));
    expect(dm).toContain('*Nora Nomail*');
    expect(dm).toContain('✉️ no email from the CRM');
  });

  it('turns hot with one click, and the rep is told there are no emails to pause', async () => {
    const lead = await deliveredLead(app, { name: 'Hank Hotnomail', email: undefined });
    const before = app.standIn.callsTo('response_url').length;
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadHot, value: lead.id, channelId: lead.channel, messageTs: lead.ts });
    const [reply] = (await app.standIn.waitFor('response_url', () => true, { count: before + 1 })).slice(before);
    expect(reply.args.text).toBe('Marked hot. The CRM sent no email for this lead, so there are no marketing emails to pause: if it has one, add it in the CRM and send the lead again, then click Hot once more.');
    expect(await leadRow(app, lead.id)).toMatchObject({ status: 'hot', answered_by: PEOPLE.rep.id });
    expect(await app.handoff.deps.db.selectFrom('hot_pauses').selectAll().execute()).toEqual([]);
    await eventually(() => readable(dmMessage(app, lead)).includes('Hot'), 5000, 'the DM to show the answer');
  });

  it('is named by its CRM id where it has neither name nor email', async () => {
    const lead = await deliveredLead(app, { name: undefined, first_name: undefined, email: undefined, title: undefined, company: undefined });
    expect(dmMessage(app, lead)!.text).toBe(`New lead: Lead ${lead.id}`);
  });
});

describe('a database from before emails were optional', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'handoff-email-migration-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A database as the version before this change left it: migrated up to the migration before, with one lead and its timeline. */
  async function previousVersionDatabase(path: string): Promise<void> {
    const folder = fileURLToPath(new URL('../../migrations', import.meta.url));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(path) }) });
    const provider = {
      async getMigrations() {
        const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && f < '2026-12-07T0200').sort();
        return Object.fromEntries(await Promise.all(files.map(async (f) => [f.replace(/\.ts$/, ''), await import(pathToFileURL(join(folder, f)).href)])));
      },
    };
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) throw error;
    const at = '2026-11-23T10:00:00.000Z';
    await db.insertInto('leads').values({
      id: 'old-lead', email: 'olga@old.example', email_lower: 'olga@old.example', name: 'Olga Oldrow', owner_slack_id: PEOPLE.rep.id,
      status: 'accepted', delivery: 'delivered', received_at: at, delivered_at: at, answered_at: at, answered_by: PEOPLE.rep.id, updated_at: at,
    }).execute();
    await db.insertInto('lead_events').values([
      { lead_id: 'old-lead', type: 'received', at },
      { lead_id: 'old-lead', type: 'accepted', actor: PEOPLE.rep.id, at },
    ]).execute();
    const definition = await sql<{ sql: string }>`select sql from sqlite_master where name = 'leads'`.execute(db);
    expect(definition.rows[0].sql).toMatch(/"email" varchar\(320\) not null/i);
    await db.destroy();
  }

  it('keeps every lead and its timeline, and the timeline still goes with its lead', async () => {
    const path = join(dir, 'handoff.db');
    await previousVersionDatabase(path);
    const app = await startTestApp({ databasePath: path });
    try {
      const { json } = await app.get('/api/leads/old-lead');
      expect(json).toMatchObject({ name: 'Olga Oldrow', email: 'olga@old.example', status: 'accepted' });
      expect(json.timeline.map((e: any) => [e.type, e.actor])).toEqual([['received', null], ['accepted', PEOPLE.rep.id]]);
      const none = await app.post('/webhooks/leads', { id: 'after-migration', name: 'New Nomail', owner: { slack_user_id: PEOPLE.rep.id } });
      expect(none.json.status).toBe('accepted');
      expect(await leadRow(app, 'after-migration')).toMatchObject({ email: null });
      const db = app.handoff.deps.db;
      await db.deleteFrom('leads').where('id', '=', 'old-lead').execute();
      expect(await db.selectFrom('lead_events').select('id').where('lead_id', '=', 'old-lead').execute()).toEqual([]);
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'leads' and sql is not null order by name`.execute(db);
      expect(indexes.rows.map((r) => r.name)).toEqual(['leads_campaign', 'leads_digest', 'leads_email_lower', 'leads_owner_status', 'leads_received', 'leads_status_delivery']);
    } finally {
      await app.stop();
    }
  });
});
