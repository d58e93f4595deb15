import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.ts';
import { outboundMessageXml, SalesforceStandIn } from '../../src/standin/salesforce-standin.ts';
import { MARKETING_CHANNEL, PEOPLE, SALES_CHANNEL, WEBHOOK_SECRET, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, leadRow } from '../leads/support.ts';

// Salesforce Outbound Messaging POSTs SOAP (text/xml) to the endpoint URL set in Setup, with no
// header of ours: the intake secret rides in the URL. Its messages hold up to 100 Notifications,
// each a Lead with the fields the admin picked, by their API names.

const ORG = '00D5e000000KQ2eEAG';
const CLIENT = { id: '3MVG9handoff.test', secret: 'A1B2C3D4E5F6-salesforce-secret' };
const OWNER = '0055e000001AbCdAAK';

let n = 0;
/** A Lead as Outbound Messaging sends it (Id 00Q… of 18 characters). */
function lead(over: Record<string, string | null> = {}): Record<string, string | null> {
  n += 1;
  return {
    Id: `00Q5e00000${String(n).padStart(5, '0')}AAA`,
    FirstName: 'Ada',
    LastName: `Lovelace ${n}`,
    Email: `ada${n}@analytical.example`,
    Title: 'CTO',
    Company: 'Analytical Engines',
    Status: 'Open - Not Contacted',
    Rating: 'Hot',
    LeadSource: 'Web',
    OwnerId: OWNER,
    LastModifiedDate: '2026-11-23T09:00:00.000Z',
    ...over,
  };
}
const notificationId = () => `04l5e00000${String((n += 1)).padStart(5, '0')}AAA`;

const ACK = '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>';
const message = (notifications: { id: string; lead: Record<string, string | null> }[], organizationId = ORG) =>
  outboundMessageXml({ organizationId, instanceUrl: 'https://analytical.my.salesforce.com', notifications });
const sender = (app: () => TestApp) => (xml: string, key = WEBHOOK_SECRET) =>
  fetch(`${app().url}/webhooks/leads/salesforce?key=${encodeURIComponent(key)}`, { method: 'POST', body: xml, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' } })
    .then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }));

async function start(salesforce: SalesforceStandIn): Promise<TestApp> {
  return startTestApp({
    env: { SALESFORCE_INSTANCE_URL: salesforce.url, SALESFORCE_CLIENT_ID: CLIENT.id, SALESFORCE_CLIENT_SECRET: CLIENT.secret, SALESFORCE_ORG_ID: ORG },
  });
}

describe('a full outbound message from Salesforce', () => {
  let app: TestApp;
  let salesforce: SalesforceStandIn;
  const send = sender(() => app);
  beforeAll(async () => {
    salesforce = await SalesforceStandIn.start({ clientId: CLIENT.id, clientSecret: CLIENT.secret, users: [{ id: OWNER, email: PEOPLE.rep.email }] });
    app = await start(salesforce);
  });
  afterAll(async () => {
    await app.stop();
    await salesforce.close();
  });

  it('stores all 100 Leads of one message, then acknowledges it; the same message again changes nothing', async () => {
    const leads = Array.from({ length: 100 }, () => ({ id: notificationId(), lead: lead() }));
    for (const l of leads) salesforce.leads.set(l.lead.Id!, { Status: 'Open - Not Contacted' });
    const first = await send(message(leads));
    expect(first.status).toBe(200);
    expect(first.type).toBe('text/xml; charset=utf-8');
    expect(first.text).toContain(ACK);
    const row = await leadRow(app, `sf-${leads[0].lead.Id}`);
    expect(row).toMatchObject({
      name: `Ada ${leads[0].lead.LastName}`, email: leads[0].lead.Email, title: 'CTO', company: 'Analytical Engines',
      stage: 'decision', crm_stage: 'Hot', owner_email: PEOPLE.rep.email, record_url: `https://analytical.my.salesforce.com/lightning/r/Lead/${leads[0].lead.Id}/view`,
    });
    const stored = await app.handoff.deps.db.selectFrom('leads').select('id').where('id', 'like', 'sf-%').execute();
    expect(stored.length).toBeGreaterThanOrEqual(100);
    // One token, and the owner asked for once.
    expect(salesforce.tokensIssued).toBe(1);
    expect(salesforce.calls.filter((c) => c.path.includes('/sobjects/User/'))).toHaveLength(1);

    // Salesforce did not get the Ack in time and sends the message again, after the Lead changed in Handoff.
    await app.post('/webhooks/leads', { id: `sf-${leads[1].lead.Id}`, email: leads[1].lead.Email, name: 'Ada Renamed', owner: { email: PEOPLE.rep.email } });
    const again = await send(message(leads));
    expect(again.text).toContain(ACK);
    // Without the notification Ids, the old copy would have renamed the lead back.
    expect(await leadRow(app, `sf-${leads[1].lead.Id}`)).toMatchObject({ name: 'Ada Renamed' });
    expect(await app.handoff.deps.db.selectFrom('crm_notifications').select('id').execute()).toHaveLength(100);
  });

});

describe('the Salesforce connector', () => {
  let app: TestApp;
  let salesforce: SalesforceStandIn;

  beforeAll(async () => {
    salesforce = await SalesforceStandIn.start({ clientId: CLIENT.id, clientSecret: CLIENT.secret, users: [{ id: OWNER, email: PEOPLE.rep.email }] });
    app = await start(salesforce);
  });
  afterAll(async () => {
    await app.stop();
    await salesforce.close();
  });

  const send = sender(() => app);

  it('hands a Lead owned by a queue to the sales channel to claim', async () => {
    const queued = lead({ OwnerId: '00G5e000002QueueAAA', FirstName: 'Quinn', LastName: 'Queue' });
    expect((await send(message([{ id: notificationId(), lead: queued }]))).text).toContain(ACK);
    expect(await leadRow(app, `sf-${queued.Id}`)).toMatchObject({ delivery: 'unassigned' });
    await eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.text?.includes('Quinn Queue')), 5000, 'the Claim offer');
  });

  it('takes a Lead without an email (xsi:nil), as Salesforce allows', async () => {
    const noEmail = lead({ Email: null });
    expect((await send(message([{ id: notificationId(), lead: noEmail }]))).text).toContain(ACK);
    expect(await leadRow(app, `sf-${noEmail.Id}`)).toMatchObject({ email: null, status: 'new' });
  });

  it('answers a SOAP fault, storing nothing, to another org, a wrong key, or a body that is not a message', async () => {
    const foreign = lead();
    const other = await send(message([{ id: notificationId(), lead: foreign }], '00D000000000999AAA'));
    expect(other.status).toBe(403);
    expect(other.text).toContain('<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Messages from organization 00D000000000999AAA are not accepted here (SALESFORCE_ORG_ID is another org).</faultstring></soapenv:Fault>');
    const wrongKey = await send(message([{ id: notificationId(), lead: foreign }]), 'not-the-secret');
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.text).toContain('<faultstring>The key is wrong.</faultstring>');
    const junk = await send('<html>hello</html>');
    expect(junk.status).toBe(400);
    expect(junk.text).toContain('not an Outbound Messaging `notifications` message');
    const tooMany = await send(message(Array.from({ length: 101 }, () => ({ id: notificationId(), lead: lead() }))));
    expect(tooMany.text).toContain('holds 101 notifications');
    expect(await leadRow(app, `sf-${foreign.Id}`)).toBeUndefined();
  });

  it('sets the Lead Status when the rep answers, renewing an expired token once', async () => {
    const answered = lead();
    salesforce.leads.set(answered.Id!, { Status: 'Open - Not Contacted' });
    await send(message([{ id: notificationId(), lead: answered }]));
    const row = await eventually(async () => {
      const r = await leadRow(app, `sf-${answered.Id}`);
      return r?.dm_ts ? r : undefined;
    }, 8000, 'the DM');
    salesforce.expireTokens();
    const tokensBefore = salesforce.tokensIssued;
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, channelId: row.dm_channel!, messageTs: row.dm_ts!, value: row.id });
    await eventually(() => salesforce.leads.get(answered.Id!)?.Status === 'Working - Contacted', 5000, 'Salesforce to show Working - Contacted');
    expect(salesforce.tokensIssued).toBe(tokensBefore + 1);
    const patches = salesforce.calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(`/Lead/${answered.Id}`));
    expect(patches.map((c) => [c.status, c.body])).toEqual([[401, { Status: 'Working - Contacted' }], [204, { Status: 'Working - Contacted' }]]);
    expect(patches[0].path).toBe(`/services/data/v60.0/sobjects/Lead/${answered.Id}`);
  });

  it('gets the answer through after Salesforce was down, and tells marketing what to fix when a Lead is gone', async () => {
    const later = lead();
    salesforce.leads.set(later.Id!, { Status: 'Open - Not Contacted' });
    const gone = lead({ FirstName: 'Gone' });
    await send(message([{ id: notificationId(), lead: later }, { id: notificationId(), lead: gone }]));
    const rows = await eventually(async () => {
      const a = await leadRow(app, `sf-${later.Id}`);
      const b = await leadRow(app, `sf-${gone.Id}`);
      return a?.dm_ts && b?.dm_ts ? [a, b] : undefined;
    }, 8000, 'both DMs');
    for (let i = 0; i < 3; i += 1) salesforce.upcoming.push({ status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Service temporarily unavailable' }] });
    for (const row of rows) await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadHot, channelId: row.dm_channel!, messageTs: row.dm_ts!, value: row.id });
    await eventually(() => salesforce.leads.get(later.Id!)?.Status === 'Working - Contacted', 8000, 'the hot answer to reach Salesforce');
    const notice = await eventually(() => app.standIn.messages(MARKETING_CHANNEL).find((m) => m.text?.startsWith('⚠️ Salesforce refused')), 5000, 'the notice');
    expect(notice.text).toBe(`⚠️ Salesforce refused to record that lead \`sf-${gone.Id}\` was hot: Status \`Working - Contacted\` on Lead ${gone.Id}. Salesforce has no such Lead any more (deleted, merged or converted): update the record it became by hand.`);
  });
});
