import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOW_TO_RUN_ON_POSTGRES, onPostgres } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { leadBody } from '../leads/support.ts';

if (!onPostgres) console.log(`PostgreSQL tests skipped: ${HOW_TO_RUN_ON_POSTGRES}`);

// What only PostgreSQL can get wrong: the rest of the suite runs on it unchanged when TEST_DATABASE_URL is set.
describe.skipIf(!onPostgres)('on PostgreSQL', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app?.stop(); });

  it('runs the app on PostgreSQL, not on a file', () => {
    expect(app.handoff.deps.dbHandle.engine).toBe('postgres');
    expect(app.databaseUrl).toMatch(/^postgres:\/\//);
  });

  it('counts as numbers, as on SQLite', async () => {
    expect((await app.post('/webhooks/leads', leadBody())).status).toBe(202);
    const row = await app.handoff.deps.db.selectFrom('leads').select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('score').as('total')]).executeTakeFirstOrThrow();
    expect(typeof row.n).toBe('number');
    expect(typeof row.total).toBe('number');
  });

  it('keeps both of two updates of a new campaign sent at the same moment', async () => {
    const key = 'race-' + Date.now();
    const sent = await Promise.all([
      app.post('/webhooks/campaigns', { key, name: 'Race', goal: 'first goal' }),
      app.post('/webhooks/campaigns', { key, name: 'Race', offer: 'second offer' }),
    ]);
    expect(sent.map((r) => r.status).sort()).toEqual([200, 201]);
    const brief = (await app.get(`/api/campaigns/${key}`)).json.campaign;
    expect(brief.goal).toBe('first goal');
    expect(brief.offer).toBe('second offer');
  });
});
