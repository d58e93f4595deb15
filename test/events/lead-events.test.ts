import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { EVENT_TYPES } from '../../src/domain/events/catalogue.ts';
import { heldSummaryJob } from '../../src/jobs/held-summary.ts';
import { leadSlaJob } from '../../src/jobs/lead-sla.ts';
import { ACTIONS, LEAD_BLOCKS, VIEWS } from '../../src/views/ids.ts';
import { startEventReceiver, type EventReceiver } from '../support/event-receiver.ts';
import { MARKETING_CHANNEL, PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, dmMessage, eventually, leadBody, leadRow, seedCampaign } from '../leads/support.ts';
import { drained, writeRules } from '../mql/support.ts';

const { rep, rep2, admin } = PEOPLE;
const HOUR = 3_600_000;

// Every change of a lead's state, made the way people make it (a CRM's POST, a click, a command,
// the SLA job), reaches a receiver once, signed so that the Standard Webhooks library verifies it.

describe('lead events, one for every change of a lead', () => {
  let app: TestApp;
  let receiver: EventReceiver;
  const clock = new ManualClock();
  const ids: Record<string, string> = {};

  const events = () => receiver.taken().map((r) => r.json);
  const eventsOf = (leadId: string) => events().filter((e) => e.type.startsWith('lead.') && e.data.lead?.id === leadId);
  const typesOf = (leadId: string) => eventsOf(leadId).map((e) => e.type);
  const sentAll = async () => {
    await drained(app);
    await eventually(async () => (await app.handoff.deps.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute()).length === 0, 8000, 'the outbox to empty');
  };
  const click = (userId: string, actionId: string, where: { channel: string; ts: string }, value?: string) =>
    app.slack.blockAction({ userId, actionId, channelId: where.channel, messageTs: where.ts, ...(value !== undefined ? { value } : {}) });

  beforeAll(async () => {
    receiver = await startEventReceiver();
    app = await startTestApp({
      clock,
      env: { HANDOFF_OUTBOUND_WEBHOOK_URL: receiver.url, HANDOFF_ADMINS: admin.id, MQL_RULES: writeRules('min_score: 60\n') },
    });
    await seedCampaign(app);

    // Held by the lead definition, then released by an admin from the daily summary.
    const held = leadBody({ name: 'Hal Held', score: 10, owner: { slack_user_id: rep.id } });
    ids.held = held.id;
    expect((await app.post('/webhooks/leads', held)).json.status).toBe('held');
    // The daily summary lists yesterday's held leads.
    clock.advance(24 * HOUR);
    await heldSummaryJob().run(app.handoff.deps);
    await sentAll();
    const summary = app.standIn.messages(MARKETING_CHANNEL).find((m) => m.text?.includes('held'))!;
    await app.slack.blockAction({ userId: admin.id, actionId: ACTIONS.heldRelease, value: held.id, channelId: MARKETING_CHANNEL, message: { type: 'message', ts: summary.ts, text: summary.text, blocks: summary.blocks } });
    await eventually(async () => (await leadRow(app, held.id))?.delivery === 'delivered', 8000, 'the released lead’s DM');

    // Accepted 90 seconds after its DM arrived.
    const accepted = await deliveredLead(app, { name: 'Ada Accepted' });
    ids.accepted = accepted.id;
    clock.advance(90_000);
    await click(rep.id, ACTIONS.leadAccept, accepted);

    // Not qualified, with a reason and a comment, through the modal.
    const rejected = await deliveredLead(app, { name: 'Rex Rejected' });
    ids.rejected = rejected.id;
    await click(rep.id, ACTIONS.leadReject, rejected);
    await app.standIn.waitFor('views.open', (c) => c.args.view?.private_metadata?.includes(rejected.id));
    const submitted = await app.slack.viewSubmission({
      userId: rep.id,
      callbackId: VIEWS.leadReject,
      values: {
        [LEAD_BLOCKS.rejectReason]: { [LEAD_BLOCKS.rejectReasonSelect]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'No budget' }, value: 'no_budget' } } },
        [LEAD_BLOCKS.rejectComment]: { [LEAD_BLOCKS.rejectCommentInput]: { type: 'plain_text_input', value: 'Budget frozen until Q3' } },
      },
    });
    expect(submitted.status).toBe(200);

    // The CRM resends it with a new title, then with a new owner.
    const moved = await deliveredLead(app, { name: 'Mo Moved' });
    ids.moved = moved.id;
    expect((await app.post('/webhooks/leads', { ...moved.body, title: 'CEO' })).json.status).toBe('updated');
    expect((await app.post('/webhooks/leads', { ...moved.body, title: 'CEO', owner: { slack_user_id: rep2.id } })).json.status).toBe('updated');

    // Nobody owns it; the second rep claims it in the sales channel.
    const orphan = leadBody({ name: 'Olive Orphan' });
    delete orphan.owner;
    ids.claimed = orphan.id;
    expect((await app.post('/webhooks/leads', orphan)).status).toBe(202);
    const offer = await eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.text?.includes('Olive Orphan')), 5000, 'the Claim offer');
    await click(rep2.id, ACTIONS.leadClaim, { channel: SALES_CHANNEL, ts: offer.ts }, orphan.id);
    await eventually(async () => (await leadRow(app, orphan.id))?.owner_slack_id === rep2.id, 5000, 'the claim');

    // Hot from the accepted lead's DM, extended and shortened by commands, then released.
    await click(rep.id, ACTIONS.leadHot, accepted, accepted.id);
    await eventually(async () => (await leadRow(app, accepted.id))?.status === 'hot', 5000, 'the lead to be hot');
    await app.slack.command('/hotlead', `${accepted.body.email} 60d`, { userId: rep.id });
    await app.slack.command('/hotlead', `shorten ${accepted.body.email} 45d`, { userId: rep.id });
    await app.slack.command('/hotlead', `release ${accepted.body.email}`, { userId: rep.id });

    // A rating of the guide from the accepted lead's DM.
    const dm = dmMessage(app, accepted)!;
    const useful = dm.blocks!.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => String(e.action_id).startsWith(ACTIONS.rateUseful))!;
    await click(rep.id, useful.action_id, accepted, useful.value);

    // Left unanswered: reminded at half its SLA and escalated at all of it.
    const waiting = await deliveredLead(app, { name: 'Wendy Waiting', stage: 'decision' });
    ids.waiting = waiting.id;
    clock.advance(HOUR / 2);
    await leadSlaJob.run(app.handoff.deps);
    clock.advance(HOUR / 2);
    await leadSlaJob.run(app.handoff.deps);
    await sentAll();
  }, 60_000);
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('sends each of the sixteen event types, each event once, every one verified by the standardwebhooks library', () => {
    expect(new Set(events().map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    const webhookIds = receiver.taken().map((r) => r.headers['webhook-id']);
    expect(new Set(webhookIds).size).toBe(webhookIds.length);
    for (const r of receiver.taken()) {
      expect(r.headers['webhook-id']).toMatch(/^evt_[0-9a-f-]{36}$/);
      expect(Object.keys(r.json).sort()).toEqual(['data', 'timestamp', 'type']);
      expect(Date.parse(r.json.timestamp)).toBeGreaterThan(0);
    }
  });

  it('follows each lead through its own story, in order', () => {
    expect(typesOf(ids.accepted)).toEqual(['lead.received', 'lead.delivered', 'lead.accepted', 'lead.paused', 'lead.extended', 'lead.shortened', 'lead.resumed']);
    expect(typesOf(ids.rejected)).toEqual(['lead.received', 'lead.delivered', 'lead.rejected']);
    expect(typesOf(ids.held)).toEqual(['lead.received', 'lead.held', 'lead.released', 'lead.delivered']);
    expect(typesOf(ids.moved)).toEqual(['lead.received', 'lead.delivered', 'lead.updated', 'lead.reassigned', 'lead.delivered']);
    expect(typesOf(ids.claimed)).toEqual(['lead.received', 'lead.claimed', 'lead.delivered']);
    expect(typesOf(ids.waiting)).toEqual(['lead.received', 'lead.delivered', 'lead.reminded', 'lead.escalated']);
  });

  it('says what a CRM needs to update its record', () => {
    const of = (leadId: string, type: string) => eventsOf(leadId).find((e) => e.type === type)!.data;
    expect(of(ids.accepted, 'lead.accepted')).toEqual({
      lead: {
        id: ids.accepted, email: 'ada@analytical.example', name: 'Ada Accepted', company: 'Analytical Engines', campaign: 'q4-ai-webinar',
        stage: 'consideration', owner: { slack_user_id: rep.id, email: null }, status: 'accepted', record_url: null,
      },
      by: { slack_user_id: rep.id },
      response_seconds: 90,
      comment: null,
    });
    expect(of(ids.rejected, 'lead.rejected')).toMatchObject({ lead: { status: 'rejected' }, by: { slack_user_id: rep.id }, reason: 'no_budget', comment: 'Budget frozen until Q3' });
    expect(of(ids.held, 'lead.held')).toMatchObject({ lead: { status: 'held' }, failed_rules: [expect.stringContaining('score 10')] });
    expect(of(ids.held, 'lead.released')).toMatchObject({ lead: { status: 'new' }, by: { slack_user_id: admin.id } });
    expect(of(ids.moved, 'lead.updated')).toMatchObject({ changes: ['title'] });
    expect(of(ids.moved, 'lead.reassigned')).toEqual(expect.objectContaining({
      from: { slack_user_id: rep.id, email: null }, to: { slack_user_id: rep2.id, email: null }, why: 'the CRM changed the owner',
    }));
    expect(of(ids.claimed, 'lead.claimed')).toMatchObject({ lead: { owner: { slack_user_id: rep2.id } }, by: { slack_user_id: rep2.id } });
    expect(of(ids.waiting, 'lead.reminded')).toMatchObject({ sla_seconds: 3600 });
    expect(of(ids.waiting, 'lead.escalated')).toMatchObject({ channel: SALES_CHANNEL, sla_seconds: 3600 });
    expect(of(ids.accepted, 'lead.paused')).toMatchObject({ email: 'ada@analytical.example', by: { slack_user_id: rep.id }, lead: { id: ids.accepted, status: 'hot' } });
    expect(of(ids.accepted, 'lead.resumed')).toMatchObject({ resumed_because: 'released', by: { slack_user_id: rep.id } });
    const rated = events().find((e) => e.type === 'content.rated')!.data;
    expect(rated).toMatchObject({
      asset: { title: "AI Buyer's Guide", url: 'https://example.com/guide', kind: 'ebook' },
      campaign: { key: 'q4-ai-webinar', name: 'Q4 AI Readiness Webinar' },
      verdict: 'useful',
      by: { slack_user_id: rep.id },
      lead: { id: ids.accepted },
    });
  });

  it('shows in GET /api/leads/:id where each event went and when it was taken', async () => {
    const { json } = await app.get(`/api/leads/${ids.accepted}`);
    const accepted = json.timeline.find((e: any) => e.type === 'accepted');
    expect(accepted.sent_to).toEqual([{
      url: receiver.url, event_type: 'lead.accepted', event_id: expect.stringMatching(/^evt_/), status: 'sent', attempts: 1,
      taken_at: expect.any(String), failed_at: null, next_attempt_at: null, last_error: null,
    }]);
    const webhookId = receiver.taken().find((r) => r.json.type === 'lead.accepted' && r.json.data.lead.id === ids.accepted)!.headers['webhook-id'];
    expect(accepted.sent_to[0].event_id).toBe(webhookId);
    // Entries that are not events (a DM that failed, say) carry no sent_to.
    expect(json.timeline.find((e: any) => e.type === 'hot').sent_to).toBeUndefined();
  });
});
