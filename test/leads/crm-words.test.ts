import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { writeRules } from '../mql/support.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, dmMessage, eventually, leadBody, leadRow, readable } from './support.ts';

// CRMs name the buying stage in their own words, and each lead has a page in the CRM.
// HubSpot's contact property `lifecyclestage` sends its internal values (subscriber, lead,
// marketingqualifiedlead, salesqualifiedlead, opportunity, customer, evangelist, other — HubSpot's
// "Default contact properties" reference); Salesforce and Marketo teams say MQL / SQL.

const openInCrm = (message: { blocks?: any[] } | undefined) =>
  (message?.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === ACTIONS.openInCrm);

describe("a CRM's stage words and record pages", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        STAGE_MAP: 'Evaluating=decision, lead=consideration',
        CRM_RECORD_URL: 'https://app.hubspot.com/contacts/4412/record/0-1/{fields.hs_object_id}',
        MQL_RULES: writeRules({ stages: ['consideration', 'decision'] }),
      },
    });
  });
  afterAll(async () => { await app.stop(); });

  it("maps HubSpot's lifecycle stage to a buying stage for the DM, the opener and the rules, and keeps the CRM's word", async () => {
    const lead = await deliveredLead(app, { stage: 'marketingqualifiedlead', fields: { hs_object_id: '51' } });
    expect(await leadRow(app, lead.id)).toMatchObject({ stage: 'consideration', crm_stage: 'marketingqualifiedlead', status: 'new' });
    const text = readable(dmMessage(app, lead));
    expect(text).toContain('Comparing options (consideration)');
    expect(text).not.toContain('Marketingqualifiedlead');
    expect(text).toContain('What are you comparing');
    const api = await app.get(`/api/leads/${lead.id}`);
    expect(api.json.lead ?? api.json).toMatchObject({ stage: 'consideration', crm_stage: 'marketingqualifiedlead' });
  });

  it('reads the common words however they are written, and STAGE_MAP adds or overrides', async () => {
    for (const [word, stage] of [['Sales Qualified Lead', 'decision'], ['SQL', 'decision'], ['MQL', 'consideration'], ['opportunity', 'decision'], ['Evaluating', 'decision'], ['lead', 'consideration']]) {
      const lead = await deliveredLead(app, { stage: word });
      expect([word, (await leadRow(app, lead.id))?.stage]).toEqual([word, stage]);
    }
    // A word nobody maps stays as sent, and the rules hold it as they would any unknown stage.
    const other = await app.post('/webhooks/leads', { ...leadBody({ owner: { slack_user_id: PEOPLE.rep.id } }), stage: 'customer' });
    expect(other.json.status).toBe('held');
  });

  it('gives the rep an Open in CRM button: the record_url sent, or CRM_RECORD_URL filled in, and none without one', async () => {
    const sent = await deliveredLead(app, { stage: 'mql', record_url: 'https://yourco.my.salesforce.com/lightning/r/Lead/00Q5e00001/view' });
    expect(openInCrm(dmMessage(app, sent))).toMatchObject({ type: 'button', text: { text: 'Open in CRM' }, url: 'https://yourco.my.salesforce.com/lightning/r/Lead/00Q5e00001/view' });
    const templated = await deliveredLead(app, { stage: 'mql', fields: { hs_object_id: '90 1' } });
    expect(openInCrm(dmMessage(app, templated)).url).toBe('https://app.hubspot.com/contacts/4412/record/0-1/90%201');
    const without = await deliveredLead(app, { stage: 'mql', fields: {} });
    expect(openInCrm(dmMessage(app, without))).toBeUndefined();
    // The button stays once the lead is answered.
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, value: sent.id, channelId: sent.channel, messageTs: sent.ts });
    await eventually(() => dmMessage(app, sent)?.updated, 5000, 'the DM to show the answer');
    expect(openInCrm(dmMessage(app, sent))?.url).toBe('https://yourco.my.salesforce.com/lightning/r/Lead/00Q5e00001/view');
  });

  it('leaves out a record_url that is not a web address, saying so, and hands the lead over', async () => {
    const res = await app.post('/webhooks/leads', { ...leadBody({ owner: { slack_user_id: PEOPLE.rep.id } }), record_url: 'javascript:alert(1)' });
    expect(res.status).toBe(202);
    expect(res.json.warnings).toEqual([{ path: 'record_url', message: "must be an http(s) URL (the lead's page in the CRM); left out" }]);
  });
});

describe('STAGE_MAP and CRM_RECORD_URL in the configuration', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'a-signing-secret', MARKETING_CHANNEL: 'C0123ABCD' };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('names what is wrong with each', () => {
    expect(problems({ STAGE_MAP: 'evaluating=hot' })).toEqual(['STAGE_MAP: "evaluating=hot": the stage must be awareness, consideration or decision; write crm_value=stage, e.g. "evaluating=consideration,demo booked=decision"']);
    expect(problems({ STAGE_MAP: 'evaluating' })).toEqual(['STAGE_MAP: "evaluating" is not crm_value=stage; write crm_value=stage, e.g. "evaluating=consideration,demo booked=decision"']);
    expect(problems({ CRM_RECORD_URL: 'https://crm.example/leads' })).toEqual(['CRM_RECORD_URL: must hold {id} or {fields.NAME}, e.g. https://app.hubspot.com/contacts/123/record/0-1/{fields.hs_object_id}']);
    expect(problems({ CRM_RECORD_URL: 'ftp://crm.example/{id}' })).toEqual(['CRM_RECORD_URL: must be an http(s) URL with {id} or {fields.NAME} in it']);
    expect(loadConfig({ ...base, STAGE_MAP: 'Demo Booked=decision' }).stageMap).toEqual({ demobooked: 'decision' });
  });
});
