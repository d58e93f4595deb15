import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteOf, startTestApp, type TestApp } from '../support/harness.ts';
import { leadBody } from '../support/lead-bodies.ts';
import { watchErrors, type LoggedError } from './support/observe.ts';

// Simulated on the app's own connection, because this suite runs as root (chmod 444 stops nobody)
// and because a real full disk would take the machine with it: SQLite answers exactly as it would
// (SQLITE_READONLY, SQLITE_FULL) and the app cannot tell the difference.

let app: TestApp;
let errors: LoggedError[];
beforeEach(async () => {
  app = await startTestApp({ engine: 'sqlite' });
  errors = watchErrors(app);
});
afterEach(async () => { await app?.stop(); });

const sqlite = () => sqliteOf(app);
const isStored = (id: string) => Boolean(sqlite().prepare('select 1 from leads where id = ?').get(id));

async function intakeLanded(): Promise<boolean> {
  return (await app.post('/webhooks/leads', {})).status !== 404;
}

describe('lead intake when the database is read-only', () => {
  it('answers 503 with a JSON message and a log line, and stores nothing', async (ctx) => {
    if (!(await intakeLanded())) ctx.skip('POST /webhooks/leads has not landed');
    sqlite().pragma('query_only = 1');
    const res = await app.post('/webhooks/leads', leadBody('readonly-1'));
    expect(res.status, res.text).toBe(503);
    expect(res.json?.message, res.text).toMatch(/\w/);
    expect(errors.length).toBeGreaterThan(0);
    sqlite().pragma('query_only = 0');
    expect(isStored('readonly-1')).toBe(false);
  });

  it('takes the same lead once the database is writable again, and DMs it once', async (ctx) => {
    if (!(await intakeLanded())) ctx.skip('POST /webhooks/leads has not landed');
    sqlite().pragma('query_only = 1');
    expect((await app.post('/webhooks/leads', leadBody('readonly-2'))).status).toBe(503);
    sqlite().pragma('query_only = 0');
    const res = await app.post('/webhooks/leads', leadBody('readonly-2'));
    expect(res.status, res.text).toBe(202);
    expect(res.json.status).toBe('accepted');
    expect(isStored('readonly-2')).toBe(true);
  });

  it('answers a batch with 503 as a whole rather than a 202 for leads it could not store', async (ctx) => {
    if (!(await intakeLanded())) ctx.skip('POST /webhooks/leads has not landed');
    sqlite().pragma('query_only = 1');
    const res = await app.post('/webhooks/leads', { leads: [leadBody('readonly-b1'), leadBody('readonly-b2')] });
    expect(res.status, res.text).toBe(503);
    sqlite().pragma('query_only = 0');
    expect(isStored('readonly-b1') || isStored('readonly-b2')).toBe(false);
  });
});

describe('lead intake when the disk is full', () => {
  it('answers 503 with a JSON message and a log line once nothing fits, and every 202 before it was stored', async (ctx) => {
    if (!(await intakeLanded())) ctx.skip('POST /webhooks/leads has not landed');
    const pages = sqlite().pragma('page_count', { simple: true }) as number;
    sqlite().pragma(`max_page_count = ${pages}`);
    const accepted: string[] = [];
    let refusal: Awaited<ReturnType<TestApp['post']>> | undefined;
    let refusedId = '';
    // Big leads fill the free pages left in the file within a few requests.
    for (let n = 0; n < 200 && !refusal; n++) {
      const id = `full-${n}`;
      const res = await app.post('/webhooks/leads', { ...leadBody(id), fields: { notes: 'x'.repeat(20_000) } });
      if (res.status === 202) accepted.push(id);
      else { refusal = res; refusedId = id; }
    }
    expect(refusal, 'the disk never filled up').toBeDefined();
    expect(refusal!.status, refusal!.text).toBe(503);
    expect(refusal!.json?.message, refusal!.text).toMatch(/\w/);
    expect(errors.length).toBeGreaterThan(0);
    expect(isStored(refusedId)).toBe(false);
    for (const id of accepted) expect(isStored(id), `${id} got 202 but is not stored`).toBe(true);
  });

  it('keeps answering health checks and Slack while the disk is full', async (ctx) => {
    if (!(await intakeLanded())) ctx.skip('POST /webhooks/leads has not landed');
    const pages = sqlite().pragma('page_count', { simple: true }) as number;
    sqlite().pragma(`max_page_count = ${pages}`);
    for (let n = 0; n < 50; n++) await app.post('/webhooks/leads', { ...leadBody(`fill-${n}`), fields: { notes: 'x'.repeat(20_000) } });
    expect((await app.get('/healthz')).status).toBe(200);
    const help = await app.slack.command('/handoff', 'help');
    expect(help.status).toBe(200);
    expect(help.json.text).toContain('/hotlead');
  });
});
