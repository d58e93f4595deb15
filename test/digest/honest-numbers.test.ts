import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { deliveredLead, readable } from '../leads/support.ts';
import { outboxDrained } from '../support/content-fixtures.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';

// A digest that cheers "every lead got an answer in time" while leads are still waiting tells
// both teams the opposite of the truth.

describe('the digest while leads are still waiting within their SLA', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id, DIGEST_CHANNELS: 'CDIGEST001' } }); });
  afterAll(async () => { await app.stop(); });

  it('says how many still wait instead of cheering', async () => {
    await deliveredLead(app, { name: 'Wai Ting' });
    await deliveredLead(app, { name: 'Still Here' });
    (app.clock as ManualClock).advance(60_000);
    await app.slack.command('/handoff', 'digest', { userId: PEOPLE.admin.id });
    await outboxDrained(app.handoff.deps.db);
    const [digest] = app.standIn.messages('CDIGEST001');
    const text = readable(digest);
    expect(text).toContain('*Unanswered past SLA:* none yet — 2 leads are still waiting for an answer, within SLA.');
    expect(text).not.toContain('every lead got an answer in time');
  });

  it('says a week without leads in two lines, cheering nothing', async () => {
    const quiet = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id, DIGEST_CHANNELS: 'CDIGEST002' } });
    try {
      await quiet.slack.command('/handoff', 'digest', { userId: PEOPLE.admin.id });
      await outboxDrained(quiet.handoff.deps.db);
      const message = quiet.standIn.messages('CDIGEST002')[0];
      expect(message.blocks).toHaveLength(2);
      expect(readable(message)).toContain('A quiet week: no leads arrived Mon 16 Nov – Mon 23 Nov, so nothing was handed over or left waiting.');
      expect(readable(message)).not.toContain('🎉');
    } finally {
      await quiet.stop();
    }
  });
});
