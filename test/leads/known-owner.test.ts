import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, leadBody, leadRow, outboxRows } from './support.ts';

describe('a lead whose owner (by email) Slack has already named', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  it('has its DM queued in the intake commit itself, without asking Slack again', async () => {
    const first = leadBody();
    expect((await app.post('/webhooks/leads', first)).status).toBe(202);
    await eventually(async () => (await leadRow(app, first.id))?.delivery !== 'awaiting_owner', 5000, 'the first owner lookup');
    const lookups = app.standIn.okCalls('users.lookupByEmail').length;

    const second = leadBody();
    const res = await app.post('/webhooks/leads', second);
    expect(res.json).toEqual({ id: second.id, status: 'accepted' });
    const row = await leadRow(app, second.id);
    expect(row?.owner_slack_id).toBe(PEOPLE.rep.id);
    expect(['queued', 'delivered']).toContain(row?.delivery);
    expect((await outboxRows(app)).filter((r) => r.dedupe_key === `lead-dm:${second.id}`)).toHaveLength(1);
    expect(app.standIn.okCalls('users.lookupByEmail')).toHaveLength(lookups);
  });
});
