import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, VIEWS } from '../../src/views/ids.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { anyPerson, anyViewState, buttonValue } from './support/arbitraries.ts';
import { describeErrors, fingerprint, watchErrors, type LoggedError } from './support/observe.ts';

let app: TestApp;
let errors: LoggedError[];
/** What the catch-all listener logs for an id no handler answers: a known id there is a missing handler. */
const unknownIds: string[] = [];

const RUNS = Number(process.env.HANDOFF_PROPERTY_APP_RUNS ?? 100);
const actionIds = [...new Set(Object.values(ACTIONS))];
const callbackIds = [...new Set(Object.values(VIEWS))];
// Forged input may legitimately queue a reply ("that lead no longer exists"); it must not change anything else.
const changes = () => fingerprint(app, { except: ['outbox'] });

function click(actionId: string, value: string, userId: string, inHome: boolean) {
  if (inHome) {
    return app.slack.blockAction({ userId, actionId, value, view: { id: 'VHOME0001', type: 'home', blocks: [], private_metadata: '', callback_id: '', hash: '1.a' } });
  }
  return app.slack.blockAction({ userId, actionId, value, channelId: `D${PEOPLE.rep.id.slice(1)}`, messageTs: '1700000000.000100' });
}

beforeAll(async () => {
  app = await startTestApp({ engine: 'sqlite', env: { HANDOFF_ADMINS: PEOPLE.admin.id } });
  errors = watchErrors(app);
  const logger = app.handoff.deps.logger as any;
  const warn = logger.warn.bind(logger);
  logger.warn = (...args: any[]) => {
    const [first, second] = args;
    if (typeof second === 'string' && /Handoff does not know/.test(second)) unknownIds.push(String(first?.actionId ?? first?.callbackId));
    return warn(...args);
  };
}, 30_000);
afterAll(async () => { await app?.stop(); });

describe.each(actionIds)('forged clicks on %s', (actionId) => {
  it('reach their handler, are acked within 3 seconds, change nothing, and log no error', async () => {
    await fc.assert(fc.asyncProperty(buttonValue, anyPerson, fc.boolean(), async (value, userId, inHome) => {
      const before = changes();
      const logged = errors.length;
      const began = performance.now();
      const res = await click(actionId, value, userId, inHome);
      expect(res.status, res.text).toBe(200);
      expect(performance.now() - began).toBeLessThan(3000);
      expect(changes(), `a forged ${actionId} click with ${JSON.stringify(value)} changed stored data`).toBe(before);
      expect(errors.slice(logged), describeErrors(errors.slice(logged))).toEqual([]);
      expect(unknownIds, `no handler answers ${actionId}`).not.toContain(actionId);
    }), { numRuns: RUNS });
  });
});

describe.each(callbackIds)('submissions of %s with arbitrary state', (callbackId) => {
  it('reach their handler, are answered within 3 seconds (closed, or field errors that store nothing) and log no error', async () => {
    const metadata = fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 2 }), fc.constantFrom('', '{"leadId":"nope"}', '{"campaignId":999999}'));
    await fc.assert(fc.asyncProperty(anyViewState, metadata, anyPerson, async (values, privateMetadata, userId) => {
      const before = changes();
      const logged = errors.length;
      const began = performance.now();
      const res = await app.slack.viewSubmission({ userId, callbackId, values, privateMetadata });
      expect(res.status, res.text).toBe(200);
      expect(performance.now() - began).toBeLessThan(3000);
      if (res.text) {
        expect(['errors', 'update', 'push', 'clear'], res.text).toContain(res.json?.response_action);
        if (res.json.response_action === 'errors') {
          expect(Object.keys(res.json.errors ?? {}).length, res.text).toBeGreaterThan(0);
          for (const message of Object.values(res.json.errors)) expect(String(message).length).toBeGreaterThan(0);
          expect(changes(), `a refused ${callbackId} submission changed stored data`).toBe(before);
        }
      }
      expect(errors.slice(logged), describeErrors(errors.slice(logged))).toEqual([]);
      expect(unknownIds, `no handler answers ${callbackId}`).not.toContain(callbackId);
    }), { numRuns: RUNS });
  });
});
