import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, dmMessage, eventually, leadBody, leadRow, readable } from './support.ts';

// CRMs send a record again when it changes. The owner changing in the CRM moves the lead: the new
// owner gets it, the old owner's DM says where it went. Other changes edit the DM in place. An
// older version (by its updated_at) changes nothing.

describe('a lead sent again', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  const timeline = async (id: string) => (await app.get(`/api/leads/${id}`)).json.timeline.map((e: any) => e.type);

  it('with a new owner moves to them: their DM, the old DM edited to say where it went, reassigned in the timeline', async () => {
    const lead = await deliveredLead(app, { updated_at: '2026-11-23T09:00:00Z', name: 'Mo Moved' });
    const res = await app.post('/webhooks/leads', { ...lead.body, owner: { slack_user_id: PEOPLE.rep2.id }, updated_at: '2026-11-23T09:30:00Z' });
    expect(res.json).toEqual({ id: lead.id, status: 'updated', changes: ['owner'] });

    const moved = await eventually(async () => {
      const row = await leadRow(app, lead.id);
      return row?.owner_slack_id === PEOPLE.rep2.id && row.delivery === 'delivered' ? row : undefined;
    }, 8000, 'the lead to reach its new owner');
    const newDm = dmMessage(app, { channel: moved.dm_channel!, ts: moved.dm_ts! });
    expect(moved.dm_channel).toBe(app.standIn.dmChannelFor(PEOPLE.rep2.id));
    expect(readable(newDm)).toContain('Mo Moved');
    const oldDm = await eventually(() => { const m = dmMessage(app, lead); return m?.updated ? m : undefined; }, 5000, 'the old DM to be edited');
    expect(oldDm.text).toBe(`↪️ *Mo Moved (CTO, Analytical Engines)* moved to <@${PEOPLE.rep2.id}>: the CRM changed its owner, so it is theirs now. Nothing for you to do.`);
    expect(oldDm.blocks!.some((b: any) => b.type === 'actions')).toBe(false);
    expect(await timeline(lead.id)).toContain('reassigned');
    // One DM to each owner, however often the same version comes again.
    expect((await app.post('/webhooks/leads', { ...lead.body, owner: { slack_user_id: PEOPLE.rep2.id }, updated_at: '2026-11-23T09:30:00Z' })).json.status).toBe('duplicate');
    expect(app.standIn.messages(app.standIn.dmChannelFor(PEOPLE.rep2.id)).filter((m) => readable(m).includes('Mo Moved'))).toHaveLength(1);
    expect(app.standIn.messages(lead.channel).filter((m) => readable(m).includes('Mo Moved'))).toHaveLength(1);
  });

  it('with other changes edits the owner’s DM in place and records updated', async () => {
    const lead = await deliveredLead(app, { name: 'Ed Edited' });
    const res = await app.post('/webhooks/leads', { ...lead.body, score: 95, stage: 'decision', title: 'CEO' });
    expect(res.json).toEqual({ id: lead.id, status: 'updated', changes: ['title', 'stage', 'score'] });
    const edited = await eventually(() => { const m = dmMessage(app, lead); return m?.updated ? m : undefined; }, 5000, 'the DM edit');
    expect(readable(edited)).toContain('score 95');
    expect(readable(edited)).toContain('Ready to decide (decision)');
    expect(app.standIn.messages(lead.channel).filter((m) => readable(m).includes('Ed Edited'))).toHaveLength(1);
    expect(await timeline(lead.id)).toContain('updated');
  });

  it('older than what is stored changes nothing, and says stale', async () => {
    const lead = await deliveredLead(app, { updated_at: '2026-11-23T09:00:00Z' });
    const res = await app.post('/webhooks/leads', { ...lead.body, owner: { email: PEOPLE.rep2.email }, updated_at: '2026-11-22T09:00:00Z' });
    expect(res.json).toEqual({ id: lead.id, status: 'stale' });
    expect(await leadRow(app, lead.id)).toMatchObject({ owner_slack_id: PEOPLE.rep.id });
  });

  it('racing the first send: one stored, one DM', async () => {
    const lead = leadBody({ owner: { slack_user_id: PEOPLE.rep.id }, name: 'Rae Racer' });
    const answers = await Promise.all([app.post('/webhooks/leads', lead), app.post('/webhooks/leads', { ...lead, score: 80 })]);
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(answers.map((a) => a.json.status).sort()).toEqual(expect.arrayContaining(['accepted']));
    await eventually(async () => (await leadRow(app, lead.id))?.delivery === 'delivered', 8000, 'the DM');
    expect(app.standIn.messages(app.standIn.dmChannelFor(PEOPLE.rep.id)).filter((m) => readable(m).includes('Rae Racer'))).toHaveLength(1);
  });
});
