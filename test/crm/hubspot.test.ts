import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, LEAD_BLOCKS, VIEWS } from '../../src/views/ids.ts';
import { HubSpotStandIn } from '../../src/standin/hubspot-standin.ts';
import { MARKETING_CHANNEL, PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, leadRow } from '../leads/support.ts';
import { adaProperties, hubspotFlatContact, hubspotV1Contact } from './hubspot-fixtures.ts';

const TOKEN = 'pat-na1-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('the HubSpot connector', () => {
  let app: TestApp;
  let hubspot: HubSpotStandIn;
  let vid = 900;

  beforeAll(async () => {
    hubspot = await HubSpotStandIn.start({ token: TOKEN, owners: [{ id: '31337', email: PEOPLE.rep.email, firstName: 'Riley' }] });
    app = await startTestApp({ env: { HUBSPOT_TOKEN: TOKEN, HUBSPOT_API_URL: hubspot.url, HANDOFF_ADMINS: PEOPLE.admin.id } });
  });
  afterAll(async () => {
    await app.stop();
    await hubspot.close();
  });
  afterEach(() => { hubspot.upcoming.length = 0; });

  /** A contact HubSpot knows, sent by its workflow; resolves once its DM reached the owner. */
  async function contactArrives(over: Record<string, string> = {}, shape: 'v1' | 'flat' = 'v1') {
    vid += 1;
    const properties = adaProperties(over);
    hubspot.contacts.set(String(vid), { ...properties });
    const body = shape === 'v1' ? hubspotV1Contact(vid, properties) : hubspotFlatContact(vid, properties);
    const res = await app.post('/webhooks/leads/hubspot', body);
    return { res, id: `hubspot-${vid}`, vid: String(vid) };
  }
  const delivered = (id: string) => eventually(async () => {
    const row = await leadRow(app, id);
    return row?.delivery === 'delivered' && row.dm_ts ? row : undefined;
  }, 8000, `lead ${id} to be delivered`);
  const statusOf = (vidText: string) => hubspot.contacts.get(vidText)?.hs_lead_status;

  it('takes a contact in the shape of HubSpot\'s contacts API, owner looked up once by its id', async () => {
    const first = await contactArrives();
    expect(first.res.status).toBe(202);
    expect(first.res.json).toEqual({ id: first.id, status: 'accepted' });
    const row = await delivered(first.id);
    expect(row).toMatchObject({
      email: 'ada@analytical.example', name: 'Ada Lovelace', title: 'CTO', company: 'Analytical Engines', score: 72,
      stage: 'consideration', crm_stage: 'marketingqualifiedlead', campaign_key: 'q4-ai-webinar', owner_email: PEOPLE.rep.email, owner_slack_id: PEOPLE.rep.id,
      record_url: `https://app.hubspot.com/contacts/62515/record/0-1/${first.vid}`, crm_updated_at: '2025-11-25T10:00:00.000Z',
    });
    expect(JSON.parse(row.activities)).toEqual([{ type: 'filled in', content: "AI Buyer's Guide download", at: '2025-11-25T10:00:00.000Z' }]);
    expect(JSON.parse(row.fields)).toMatchObject({ hs_analytics_source: 'PAID_SEARCH', hubspot_owner_id: '31337' });

    const second = await contactArrives({ firstname: 'Grace', lastname: 'Hopper' }, 'flat');
    expect(second.res.json.status).toBe('accepted');
    expect(await delivered(second.id)).toMatchObject({ name: 'Grace Hopper', owner_slack_id: PEOPLE.rep.id });
    expect(hubspot.calls.filter((c) => c.path.startsWith('/crm/v3/owners/')).map((c) => [c.method, c.path, c.headers.authorization])).toEqual([
      ['GET', '/crm/v3/owners/31337?idProperty=id', `Bearer ${TOKEN}`],
    ]);
  });

  it('offers a contact whose owner HubSpot does not know to the sales channel, saying why', async () => {
    const { res, id } = await contactArrives({ hubspot_owner_id: '404404', firstname: 'Orphan' });
    expect(res.json).toEqual({ id, status: 'accepted', warnings: [{ path: 'properties.hubspot_owner_id', message: 'HubSpot has no owner 404404; the lead is offered to the sales channel to claim' }] });
    expect(await leadRow(app, id)).toMatchObject({ delivery: 'unassigned', owner_email: null });
    await eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.text?.includes('Orphan Lovelace')), 5000, 'the Claim offer');
  });

  it('answers 503 (HubSpot sends it again) when HubSpot cannot say who the owner is, and stores nothing', async () => {
    hubspot.upcoming.push({ status: 502, body: { status: 'error', message: 'Bad gateway', category: 'BAD_GATEWAY' } });
    const { res, id } = await contactArrives({ hubspot_owner_id: '777' });
    expect(res.status).toBe(503);
    expect(res.json.error).toBe('owner_lookup_failed');
    expect(await leadRow(app, id)).toBeUndefined();
  });

  it('refuses a body that is not a contact, naming what is missing', async () => {
    const res = await app.post('/webhooks/leads/hubspot', { properties: { email: { value: 'x@y.example' } } });
    expect(res.status).toBe(400);
    expect(res.json.problems[0].message).toMatch(/no contact id/);
    expect((await app.post('/webhooks/leads/hubspot', { vid: 5 })).json.problems[0].message).toMatch(/Include all contact properties/);
    expect((await app.post('/webhooks/leads/hubspot', hubspotV1Contact(6, adaProperties()), { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('sets hs_lead_status once per answer, adds a note with the reason on a rejection, and the record shows it', async () => {
    const accepted = await contactArrives();
    const acceptedRow = await delivered(accepted.id);
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, channelId: acceptedRow.dm_channel!, messageTs: acceptedRow.dm_ts!, value: accepted.id });
    await eventually(() => statusOf(accepted.vid) === 'IN_PROGRESS', 5000, 'HubSpot to show IN_PROGRESS');

    const rejected = await contactArrives({ firstname: 'Rex' });
    const rejectedRow = await delivered(rejected.id);
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadReject, channelId: rejectedRow.dm_channel!, messageTs: rejectedRow.dm_ts!, value: rejected.id });
    await app.standIn.waitFor('views.open', (c) => c.args.view?.private_metadata?.includes(rejected.id));
    await app.slack.viewSubmission({
      userId: PEOPLE.rep.id,
      callbackId: VIEWS.leadReject,
      values: {
        [LEAD_BLOCKS.rejectReason]: { [LEAD_BLOCKS.rejectReasonSelect]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Too early' }, value: 'too_early' } } },
        [LEAD_BLOCKS.rejectComment]: { [LEAD_BLOCKS.rejectCommentInput]: { type: 'plain_text_input', value: 'Budget opens in Q3' } },
      },
    });
    await eventually(() => statusOf(rejected.vid) === 'UNQUALIFIED' && hubspot.notes.length > 0, 5000, 'HubSpot to show UNQUALIFIED and the note');
    expect(hubspot.notes).toEqual([{ id: expect.any(String), body: 'Marked not qualified in Handoff: Too early. "Budget opens in Q3"', timestamp: expect.any(String), contactIds: [rejected.vid] }]);

    // A second click on the same answer writes nothing more.
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, channelId: acceptedRow.dm_channel!, messageTs: acceptedRow.dm_ts!, value: accepted.id });
    await new Promise((r) => setTimeout(r, 300));
    const patches = (vidText: string) => hubspot.calls.filter((c) => c.method === 'PATCH' && c.path === `/crm/v3/objects/contacts/${vidText}`);
    expect(patches(accepted.vid).map((c) => c.body)).toEqual([{ properties: { hs_lead_status: 'IN_PROGRESS' } }]);
    expect(patches(rejected.vid).map((c) => c.body)).toEqual([{ properties: { hs_lead_status: 'UNQUALIFIED' } }]);
  });

  it('waits out a 429 and a HubSpot that is down, and the answer reaches the record after', async () => {
    const lead = await contactArrives();
    const row = await delivered(lead.id);
    hubspot.rateLimitNext(1);
    for (let i = 0; i < 3; i += 1) hubspot.upcoming.push({ status: 503, body: { status: 'error', message: 'Service Unavailable', category: 'SERVICE_UNAVAILABLE' } });
    const clicked = Date.now();
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, channelId: row.dm_channel!, messageTs: row.dm_ts!, value: lead.id });
    await eventually(() => statusOf(lead.vid) === 'IN_PROGRESS', 10_000, 'the write to get through');
    const writes = hubspot.calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(`/${lead.vid}`));
    expect(writes.map((c) => c.status)).toEqual([429, 503, 503, 503, 200]);
    expect(Date.now() - clicked).toBeGreaterThanOrEqual(1000);
  });

  it('tells marketing once what to fix when HubSpot refuses the mapped status', async () => {
    const standIn = await HubSpotStandIn.start({ token: TOKEN, owners: [{ id: '31337', email: PEOPLE.rep.email }] });
    const other = await startTestApp({ env: { HUBSPOT_TOKEN: TOKEN, HUBSPOT_API_URL: standIn.url, HUBSPOT_STATUS_MAP: 'accepted=WORKING' } });
    try {
      for (const n of [1, 2]) {
        standIn.contacts.set(String(n), adaProperties());
        await other.post('/webhooks/leads/hubspot', hubspotV1Contact(n, adaProperties()));
        const row = await eventually(async () => {
          const r = await leadRow(other, `hubspot-${n}`);
          return r?.dm_ts ? r : undefined;
        }, 8000, 'the DM');
        await other.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, channelId: row.dm_channel!, messageTs: row.dm_ts!, value: `hubspot-${n}` });
      }
      await eventually(async () => (await other.handoff.deps.db.selectFrom('outbox').select('status').where('kind', '=', 'crm').execute()).filter((r) => r.status === 'failed').length === 2, 5000, 'both writes refused');
      const notices = await eventually(() => {
        const got = other.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.startsWith('⚠️ HubSpot refused'));
        return got.length > 0 ? got : undefined;
      }, 5000, 'the notice');
      await new Promise((r) => setTimeout(r, 300));
      expect(other.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.startsWith('⚠️ HubSpot refused'))).toHaveLength(1);
      expect(notices[0].text).toBe("⚠️ HubSpot refused to record that lead `hubspot-1` was accepted: Lead status `WORKING` on contact 1. HubSpot's Lead status has no option `WORKING`: set `HUBSPOT_STATUS_MAP` (e.g. `accepted=IN_PROGRESS,hot=IN_PROGRESS,rejected=UNQUALIFIED`) to internal values listed in HubSpot under Settings › Properties › Lead status.");
      expect(standIn.contacts.get('1')?.hs_lead_status).toBe('NEW');
    } finally {
      await other.stop();
      await standIn.close();
    }
  });
});
