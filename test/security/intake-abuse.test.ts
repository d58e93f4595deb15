import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeSignature } from '../../src/http/auth.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { deliveredLead, leadBody, seedCampaign } from '../leads/support.ts';
import { PEOPLE, startTestApp, WEBHOOK_SECRET, type TestApp } from '../support/harness.ts';

// One bad lead never fails another, and a signed request cannot be played twice.

/** JSON for a value nested `depth` objects deep, written as text: JSON.stringify itself cannot. */
const nested = (depth: number): string => '{"deeper":'.repeat(depth) + '"bottom"' + '}'.repeat(depth);
const withRaw = (body: object, key: string, raw: string) => JSON.stringify(body).replace(/}$/, `,"${key}":${raw}}`);

describe('intake under abuse', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  const stored = async (ids: string[]) =>
    (await app.handoff.deps.db.selectFrom('leads').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();

  it('refuses a deeply nested lead alone, while the leads sent at the same moment are stored', async () => {
    const good = Array.from({ length: 20 }, () => leadBody());
    const poisoned = leadBody({ fields: undefined });
    const answers = await Promise.all([...good.map((lead) => JSON.stringify(lead)), withRaw(poisoned, 'fields', `{"deep":${nested(50_000)}}`)].map((lead) => app.post('/webhooks/leads', lead)));
    expect(answers.slice(0, 20).map((a) => a.status)).toEqual(good.map(() => 202));
    expect(answers[20].status).toBe(400);
    expect(answers[20].json.problems).toEqual([{ path: 'fields', message: 'is nested more than 16 levels deep; send flat fields' }]);
    expect(await stored(good.map((l) => l.id))).toEqual(good.map((l) => l.id).sort());
    expect(await stored([poisoned.id])).toEqual([]);
  });

  it('stores the other 999 leads of a batch holding one that cannot be stored, and names that one', async () => {
    const leads = Array.from({ length: 1000 }, () => leadBody());
    const raw = leads.map((lead, i) => (i === 500 ? withRaw(lead, 'extra', nested(20_000)) : JSON.stringify(lead)));
    const res = await app.post('/webhooks/leads', `{"leads":[${raw.join(',')}]}`);
    expect(res.status).toBe(202);
    expect(res.json.results[500]).toEqual({ index: 500, id: leads[500].id, error: 'invalid_lead', problems: [{ path: 'extra', message: 'is nested more than 16 levels deep; send flat fields' }] });
    expect(res.json.results.filter((r: { status?: string }) => r.status === 'accepted')).toHaveLength(999);
    expect((await stored(leads.map((l) => l.id))).length).toBe(999);
  });

  it('refuses a lead id with control characters, which no button could carry back', async () => {
    const res = await app.post('/webhooks/leads', leadBody({ id: 'crm-\u0001\u0002-1' }));
    expect(res.status).toBe(400);
    expect(res.json.problems).toEqual([{ path: 'id', message: 'must not contain control characters or broken Unicode' }]);
  });

  it('refuses a signed campaign update sent again, so a replay cannot undo a newer change', async () => {
    const signed = (body: object, at: Date) => {
      const raw = JSON.stringify(body);
      const timestamp = Math.floor(at.getTime() / 1000);
      return app.post('/webhooks/campaigns', raw, { authorization: '', 'x-handoff-timestamp': String(timestamp), 'x-handoff-signature': intakeSignature(WEBHOOK_SECRET, timestamp, raw) });
    };
    const now = app.clock.now();
    const active = { key: 'replayed', name: 'Replayed', status: 'active' };
    expect((await signed(active, now)).status).toBe(201);
    expect((await signed({ key: 'replayed', name: 'Replayed', status: 'archived' }, new Date(now.getTime() + 1000))).status).toBe(200);

    const replay = await signed(active, now);
    expect(replay.status).toBe(409);
    expect(replay.json).toEqual({ error: 'replayed', message: 'This signed request was already applied; sign the next update with a new timestamp.' });
    expect((await app.get('/api/campaigns/replayed')).json.campaign.status).toBe('archived');
    // A request that failed is not "seen": the same signed body may be sent again once it can succeed.
    const bad = { key: 'replayed', name: '' };
    expect((await signed(bad, now)).status).toBe(400);
  });
});

describe('a lead id as long and odd as a CRM allows', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  it('lets a rep rate content on a lead whose id is as long and odd as a CRM allows', async () => {
    const { assetIds } = await seedCampaign(app);
    const lead = await deliveredLead(app, { id: `crm-"\\'<>&|${'é'.repeat(240)}` });
    const dm = app.standIn.messages(lead.channel).find((m) => m.ts === lead.ts)!;
    const button = dm.blocks!.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === `${ACTIONS.rateUseful}:${assetIds[0]}`);
    expect(button.value.length).toBeLessThanOrEqual(2000);
    const res = await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: button.action_id, value: button.value, channelId: lead.channel, messageTs: lead.ts });
    expect(res.status).toBe(200);
    const rating = await app.handoff.deps.db.selectFrom('content_ratings').selectAll().where('asset_id', '=', assetIds[0]).executeTakeFirst();
    expect(rating).toMatchObject({ user_id: PEOPLE.rep.id, verdict: 'useful' });
  });
});
