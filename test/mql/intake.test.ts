import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { heldSummaryJob } from '../../src/jobs/held-summary.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { drained, writeRules } from './support.ts';

const RULES = `
min_score: 60
required: [company, title, fields.budget]
stages: [consideration, decision]
exclude_email_domains: [gmail.com]
require_activity: [downloaded, requested_demo]
campaigns:
  q4-ai-webinar: { min_score: 40 }
`;

let n = 0;
/** A lead meeting every rule; each test breaks the one rule it is about. */
function lead(over: Record<string, unknown> = {}): Record<string, any> {
  n += 1;
  return {
    id: `mql-${n}`,
    email: 'ada@analytical.example',
    name: `Person ${String(n).padStart(3, '0')}`,
    title: 'CTO',
    company: 'Analytical Engines',
    owner: { slack_user_id: PEOPLE.rep.id },
    campaign: 'other-campaign',
    stage: 'consideration',
    score: 72,
    activities: [{ type: 'downloaded', content: "AI Buyer's Guide", at: '2026-11-20T10:00:00Z' }],
    fields: { budget: 'approved' },
    ...over,
  };
}

describe('the lead definition at intake', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  beforeAll(async () => {
    app = await startTestApp({ clock, env: { MQL_RULES: writeRules(RULES), HANDOFF_ADMINS: PEOPLE.admin.id } });
  });
  afterAll(async () => {
    await app.stop();
  });

  const dms = () => app.standIn.messages(app.standIn.dmChannelFor(PEOPLE.rep.id));
  const dmFor = (name: string) => dms().find((m) => m.text?.includes(name));
  const whyLine = (name: string) =>
    dmFor(name)?.blocks?.flatMap((b: any) => b.elements ?? []).map((e: any) => e.text).find((t: string) => t?.startsWith('✔️ *Qualified:*'));

  it("hands a qualified lead over, and its DM says in one line why it qualifies", async () => {
    const body = lead();
    const res = await app.post('/webhooks/leads', body);
    expect(res.json).toEqual({ id: body.id, status: 'accepted' });
    await drained(app);
    expect(whyLine(body.name)).toBe(
      '✔️ *Qualified:* shared company, title and budget · downloaded content',
    );
  });

  it.each([
    ['a score below the minimum', { score: 45 }, ['score 45 is below 60']],
    ['no score at all', { score: undefined }, ['no score']],
    ['a missing required field', { fields: {}, company: undefined }, ['missing company', 'missing fields.budget']],
    ['a stage not allowed', { stage: 'awareness' }, ['stage awareness is not allowed']],
    ['an excluded email domain', { email: 'ada@mail.gmail.com' }, ['email domain mail.gmail.com is excluded (gmail.com)']],
    ['none of the required activities', { activities: [{ type: 'visited' }] }, ['no qualifying activity (downloaded content or requested a demo)']],
  ])('holds a lead with %s: answered held, stored with why, never sent to a rep', async (_what, over, failed) => {
    const body = lead(over);
    const res = await app.post('/webhooks/leads', body);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ id: body.id, status: 'held' });

    const api = await app.get(`/api/leads/${body.id}`);
    expect(api.json).toMatchObject({ status: 'held', delivery: 'not_sent', qualification: { qualified: false, failed } });
    expect(api.json.timeline.map((e: any) => e.type)).toEqual(['received', 'held']);
    const held = await app.get('/api/leads?status=held');
    expect(held.json.leads.map((l: any) => l.id)).toContain(body.id);

    await drained(app);
    expect(dmFor(body.name)).toBeUndefined();
  });

  it("applies a campaign's override: its lower minimum lets the lead through, and the DM says which rule", async () => {
    const body = lead({ campaign: 'Q4-AI-Webinar', score: 45 });
    expect((await app.post('/webhooks/leads', body)).json.status).toBe('accepted');
    await drained(app);
    expect(whyLine(body.name)).toContain("score over q4-ai-webinar's own bar");
    const other = lead({ campaign: 'other-campaign', score: 45 });
    expect((await app.post('/webhooks/leads', other)).json.status).toBe('held');
  });

  it('a held lead answered again is a duplicate, still held and never DMed', async () => {
    const body = lead({ score: 10 });
    expect((await app.post('/webhooks/leads', body)).json.status).toBe('held');
    expect((await app.post('/webhooks/leads', body)).json.status).toBe('duplicate');
    await drained(app);
    expect(dmFor(body.name)).toBeUndefined();
  });

  it('lists the held leads for marketing the next morning, and an admin releases one to its owner', async () => {
    const body = lead({ name: 'Grace Hopper', company: 'Navy', score: 30 });
    expect((await app.post('/webhooks/leads', body)).json.status).toBe('held');
    clock.set('2026-11-24T08:00:00Z');
    await heldSummaryJob().run(app.handoff.deps);
    await drained(app);
    const [summary] = app.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.startsWith('Held leads:'));
    expect(summary.text).toBe('Held leads: 9 leads were held since Mon 23 Nov, 08:00.');
    const rules = summary.blocks![1].text.text as string;
    expect(rules).toContain('• score below 60 — 4');
    expect(rules).toContain('• missing company — 1');
    const grace = summary.blocks!.find((b: any) => b.accessory?.value === body.id);
    expect(grace.text.text).toContain('*Grace Hopper (Navy)* · ada@analytical.example · campaign `other-campaign`\nMissed: score 30 is below 60');

    await app.slack.blockAction({ userId: PEOPLE.admin.id, actionId: ACTIONS.heldRelease, value: body.id, channelId: MARKETING_CHANNEL, messageTs: summary.ts });
    await app.standIn.waitFor('response_url', (c) => String(c.args.text).startsWith('Released Grace Hopper (Navy)'));
    await drained(app);
    expect(dmFor('Grace Hopper')).toBeDefined();
    const api = await app.get(`/api/leads/${body.id}`);
    expect(api.json).toMatchObject({ status: 'new', delivery: 'delivered' });
    expect(api.json.timeline.map((e: any) => e.type)).toEqual(['received', 'held', 'released', 'delivered']);
  });
});
