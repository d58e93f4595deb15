import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlocks } from '../../src/standin/block-limits.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually } from '../support/spawn.ts';
import { anyPerson, commandText } from './support/arbitraries.ts';
import { describeErrors, watchErrors, type LoggedError } from './support/observe.ts';

let app: TestApp;
let errors: LoggedError[];
beforeAll(async () => {
  app = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id } });
  errors = watchErrors(app);
});
afterAll(async () => { await app?.stop(); });

const RUNS = Number(process.env.HANDOFF_PROPERTY_APP_RUNS ?? 100);

describe.each(['/campaign', '/hotlead', '/handoff'])('%s with arbitrary words, through the real app', (command) => {
  it('always answers within Slack\'s 3 seconds with words or a modal, and logs no error', async () => {
    await fc.assert(fc.asyncProperty(commandText, anyPerson, async (text, userId) => {
      const opened = app.standIn.callsTo('views.open').length;
      const logged = errors.length;
      const began = performance.now();
      const res = await app.slack.command(command, text, { userId });
      const elapsed = performance.now() - began;
      expect(res.status, res.text).toBe(200);
      expect(elapsed).toBeLessThan(3000);
      const answered = typeof res.json?.text === 'string' && res.json.text.trim().length > 0;
      // An empty ack is fine when a modal opens instead (after the ack, so wait for it).
      const modal = !answered && (await eventually(() => app.standIn.callsTo('views.open').length > opened, { timeoutMs: 2000, what: 'a modal' }).catch(() => false));
      expect(answered || modal, `no answer to ${command} ${JSON.stringify(text)}: ${res.text}`).toBe(true);
      if (res.json?.blocks) expect(checkBlocks(res.json.blocks, 'message')).toBeNull();
      expect(errors.slice(logged), describeErrors(errors.slice(logged))).toEqual([]);
    }), { numRuns: RUNS });
  });
});
