import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { REPO_DIR } from '../support/spawn.ts';
import { dmMessage, eventually, leadRow, readable } from './support.ts';

// The README's recipes for HubSpot, Salesforce and Marketo, rendered the way each tool renders
// them, posted to the real app:
// - HubSpot's "Send a webhook" with "Customize request body" sends one flat JSON object of the
//   keys chosen, each property value JSON-encoded, an empty property as "" (HubSpot knowledge
//   base, "Use webhooks with HubSpot workflows").
// - Salesforce's HTTP Callout serializes its Apex-defined body as JSON.
// - Marketo's webhook payload template: "String-type tokens are automatically enclosed in double
//   quotes", and "Request Token Encoding: JSON" escapes special characters in them (Marketo
//   developer docs, "Webhooks"); numeric tokens are inserted as they are.

const readme = readFileSync(join(REPO_DIR, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### From HubSpot, Salesforce or Marketo'), readme.indexOf("### The rep's side"));
const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
const [salesforceTemplate, marketoTemplate] = blocks;

/** Marketo: a string token becomes a JSON string (quotes included); a numeric token its digits, or nothing when empty. */
function renderMarketo(template: string, lead: Record<string, string | number | null>): string {
  return template.replace(/\{\{([^}]+)\}\}/g, (_m, token: string) => {
    const value = lead[token];
    if (typeof value === 'number') return String(value);
    if (value === null) return '';
    return JSON.stringify(value ?? '');
  });
}

/** Salesforce (Apex-defined body): each merge field's value, JSON-encoded inside the quotes the template has. */
function renderSalesforce(template: string, record: Record<string, string>): string {
  return template.replace(/\{!\$Record\.([^}]+)\}/g, (_m, field: string) => JSON.stringify(record[field] ?? '').slice(1, -1));
}

describe("the README's CRM recipes, as each tool sends them", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.post('/webhooks/campaigns', { key: 'q4-ai-readiness-webinar', name: 'Q4 AI Readiness Webinar', goal: 'Book discovery calls' });
  });
  afterAll(async () => { await app.stop(); });

  const delivered = (id: string) => eventually(async () => {
    const row = await leadRow(app, id);
    return row?.delivery === 'delivered' && row.dm_ts ? row : undefined;
  }, 8000, `${id} delivered`);

  it('has the two JSON recipes it documents', () => {
    expect(blocks).toHaveLength(2);
    expect(salesforceTemplate).toContain('{!$Record.Id}');
    expect(marketoTemplate).toContain('{{lead.Id}}');
  });

  it('HubSpot: a flat body with a lifecycle stage, an empty last name and score, and the owner by email', async () => {
    const body = { id: '51', email: 'ada@analytical.example', first_name: 'Ada', last_name: '', title: 'CTO', company: 'Analytical Engines', owner_email: PEOPLE.rep.email, campaign: 'q4-ai-readiness-webinar', stage: 'marketingqualifiedlead', score: '' };
    const res = await app.post('/webhooks/leads', JSON.stringify(body));
    expect(res.json).toEqual({ id: '51', status: 'accepted' });
    const row = await delivered('51');
    expect(row).toMatchObject({ name: 'Ada', stage: 'consideration', crm_stage: 'marketingqualifiedlead', owner_slack_id: PEOPLE.rep.id, campaign_key: 'q4-ai-readiness-webinar' });
    expect(readable(dmMessage(app, { channel: row.dm_channel!, ts: row.dm_ts! }))).toContain('*Goal:* Book discovery calls');
  });

  it('Salesforce: a lead owned by a queue (no user email) is offered to claim; quotes in a name survive', async () => {
    const raw = renderSalesforce(salesforceTemplate, {
      Id: '00Q5e00001AbCdE', Email: 'grace@navy.example', FirstName: 'Grace "Amazing"', LastName: 'Hopper', Title: 'Rear Admiral', Company: 'US Navy',
      'Owner:User.Email': '', LeadSource: 'Q4 AI Readiness Webinar', Status: 'Open - Not Contacted', Lead_Score__c: '88',
    });
    const res = await app.post('/webhooks/leads', raw);
    expect(res.status).toBe(202);
    expect(res.json.status).toBe('accepted');
    expect(await leadRow(app, '00Q5e00001AbCdE')).toMatchObject({ name: 'Grace "Amazing" Hopper', delivery: 'unassigned', record_url: 'https://YOUR_DOMAIN.lightning.force.com/lightning/r/Lead/00Q5e00001AbCdE/view', campaign_key: 'q4-ai-readiness-webinar' });
    await eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.text?.includes('Grace "Amazing" Hopper')), 5000, 'the Claim offer');
  });

  it('Marketo: string tokens quoted by Marketo (a name with quotes and an ampersand), an empty score, the program name as campaign', async () => {
    const raw = renderMarketo(marketoTemplate, {
      'lead.Id': 1234, 'lead.Email Address': 'kat@orbital.example', 'lead.First Name': 'Katherine "Kat"', 'lead.Last Name': 'Johnson & Co',
      'lead.Job Title': '', 'company.Company Name': 'Orbital Analytics', 'lead.Lead Owner Email Address': PEOPLE.rep.email,
      'program.Name': 'Q4 AI Readiness Webinar', 'lead.Lead Score': null,
    });
    expect(() => JSON.parse(raw)).not.toThrow();
    const res = await app.post('/webhooks/leads', raw);
    expect(res.json).toEqual({ id: 'mkto-1234', status: 'accepted' });
    const row = await delivered('mkto-1234');
    expect(row).toMatchObject({ name: 'Katherine "Kat" Johnson & Co', title: null, score: null, campaign_key: 'q4-ai-readiness-webinar' });
    const text = readable(dmMessage(app, { channel: row.dm_channel!, ts: row.dm_ts! }));
    expect(text).toContain('Katherine "Kat" Johnson &amp; Co');
    expect(text).toContain('Registered “Q4 AI Readiness Webinar”');
  });
});
