import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeSignature } from '../../src/http/auth.ts';
import { sqliteOf, startTestApp, WEBHOOK_SECRET, type TestApp } from '../support/harness.ts';
import { intakeBody, rawBody } from './support/arbitraries.ts';
import { describeErrors, watchErrors, type LoggedError } from './support/observe.ts';

let app: TestApp;
let errors: LoggedError[];
beforeAll(async () => {
  app = await startTestApp({ engine: 'sqlite' });
  errors = watchErrors(app);
});
afterAll(async () => {
  console.log(`INTAKE answers by route and status: ${JSON.stringify(answers)}`);
  await app?.stop();
});
const answers: Record<string, Record<number, number>> = {};

const RUNS = Number(process.env.HANDOFF_PROPERTY_HTTP_RUNS ?? 300);
const ROUTES = ['/webhooks/leads', '/webhooks/campaigns'];

// Only intake writes these tables, so their counts stand still for a refused body even while
// the outbox sender works in the background on what earlier runs stored.
function intakeCounts(): Record<string, number> {
  const sqlite = sqliteOf(app);
  const count = (table: string) => (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  return { leads: count('leads'), campaigns: count('campaigns'), campaign_assets: count('campaign_assets') };
}

function stored(table: 'leads' | 'campaigns', key: unknown): boolean {
  if (typeof key !== 'string' && typeof key !== 'number') return false;
  const sqlite = sqliteOf(app);
  const column = table === 'leads' ? 'id' : 'key';
  return Boolean(sqlite.prepare(`select 1 from ${table} where ${column} = ? or lower(${column}) = lower(?)`).get(String(key).trim(), String(key).trim()));
}

async function send(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_SECRET}`, ...headers } });
  const text = await res.text();
  (answers[path] ??= {})[res.status] = (answers[path][res.status] ?? 0) + 1;
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

/** What every answer must be: never a 5xx, always JSON that says something; a refusal stores nothing. */
function checkAnswer(path: string, before: Record<string, number>, logged: number, res: { status: number; json: any; text: string }) {
  expect(res.status, res.text).toBeLessThan(500);
  expect(res.json, `not JSON: ${res.text}`).toBeTypeOf('object');
  if (res.status >= 400) {
    expect(res.json.message ?? res.json.error, res.text).toBeTruthy();
    expect(intakeCounts(), `a ${res.status} stored something: ${res.text}`).toEqual(before);
  }
  if (path === '/webhooks/leads' && res.status === 202) {
    const results = res.json.results ?? [res.json];
    for (const r of results) {
      if (r && ['accepted', 'duplicate', 'held'].includes(r.status)) expect(stored('leads', r.id), `answered ${r.status} but not stored: ${r.id}`).toBe(true);
    }
  }
  if (path === '/webhooks/campaigns' && (res.status === 200 || res.status === 201)) {
    expect(stored('campaigns', res.json.key ?? res.json.campaign?.key), res.text).toBe(true);
  }
  expect(errors.slice(logged), describeErrors(errors.slice(logged))).toEqual([]);
}

describe.each(ROUTES)('POST %s with arbitrary bodies', (path) => {
  it('answers every JSON body with a 2xx or a 4xx in JSON, and stores nothing it refused', async () => {
    await fc.assert(fc.asyncProperty(intakeBody, async (body) => {
      const before = intakeCounts();
      const logged = errors.length;
      checkAnswer(path, before, logged, await send(path, JSON.stringify(body)));
    }), { numRuns: RUNS });
  });

  it('answers bodies that are not JSON with a 4xx in JSON, storing nothing', async () => {
    await fc.assert(fc.asyncProperty(rawBody, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), async (body, contentType) => {
      const before = intakeCounts();
      const logged = errors.length;
      const res = await send(path, body, { 'content-type': contentType });
      checkAnswer(path, before, logged, res);
    }), { numRuns: Math.ceil(RUNS / 3) });
  });

  it('refuses any body without the right secret or signature with a 4xx, storing nothing', async () => {
    const credentials = fc.oneof(
      fc.constant<Record<string, string>>({ authorization: '' }),
      fc.string().map((s) => ({ authorization: `Bearer ${s}` })),
      fc.constant({ authorization: `Basic ${Buffer.from(`x:${WEBHOOK_SECRET}`).toString('base64')}` }),
      fc.tuple(fc.integer({ min: 0, max: 2_000_000_000 }), fc.string()).map(([ts, sig]) => ({ authorization: '', 'x-handoff-timestamp': String(ts), 'x-handoff-signature': sig })),
      // Correctly signed, but ten minutes old.
      fc.constant(null),
    );
    await fc.assert(fc.asyncProperty(intakeBody, credentials, async (body, headers) => {
      const raw = JSON.stringify(body);
      const stale = Math.floor(Date.now() / 1000) - 600;
      const sent = headers ?? { authorization: '', 'x-handoff-timestamp': String(stale), 'x-handoff-signature': intakeSignature(WEBHOOK_SECRET, stale, raw) };
      const before = intakeCounts();
      const logged = errors.length;
      const res = await send(path, raw, sent);
      expect([401, 404], res.text).toContain(res.status);
      checkAnswer(path, before, logged, res);
    }), { numRuns: Math.ceil(RUNS / 3) });
  });
});
