import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { ACTIONS, LEAD_BLOCKS, VIEWS } from '../../src/views/ids.ts';
import { deliveredLead, eventually, leadBody, openHome, readable, seedCampaign } from '../leads/support.ts';
import { writeRules } from '../mql/support.ts';
import { outboxDrained } from '../support/content-fixtures.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';

// Every figure the marketer's Home and the digest show, checked against the rows they summarise,
// for a week of mixed answers made the way reps make them.

describe('the figures of a week of mixed answers', () => {
  let app: TestApp;
  const { rep } = PEOPLE;

  beforeAll(async () => {
    app = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id, DIGEST_CHANNELS: 'CDIGEST009', MQL_RULES: writeRules('min_score: 50\n') } });
    await seedCampaign(app);
    const click = (lead: { channel: string; ts: string; id: string }, actionId: string) =>
      app.slack.blockAction({ userId: rep.id, actionId, value: lead.id, channelId: lead.channel, messageTs: lead.ts });
    const answered = async (id: string, status: string) =>
      eventually(async () => (await app.handoff.deps.db.selectFrom('leads').select('status').where('id', '=', id).executeTakeFirst())?.status === status, 5000, `${id} to be ${status}`);

    for (let i = 0; i < 3; i += 1) {
      const lead = await deliveredLead(app, { name: `Accepted ${i}` });
      await click(lead, ACTIONS.leadAccept);
      await answered(lead.id, 'accepted');
    }
    for (let i = 0; i < 2; i += 1) {
      const lead = await deliveredLead(app, { name: `Hot ${i}`, email: `hot${i}@customer.example` });
      await click(lead, ACTIONS.leadHot);
      await answered(lead.id, 'hot');
    }
    for (let i = 0; i < 2; i += 1) {
      const lead = await deliveredLead(app, { name: `Rejected ${i}` });
      await click(lead, ACTIONS.leadReject);
      await app.standIn.waitFor('views.open', (c) => c.args.view?.private_metadata?.includes(lead.id));
      await app.slack.viewSubmission({
        userId: rep.id,
        callbackId: VIEWS.leadReject,
        values: {
          [LEAD_BLOCKS.rejectReason]: { [LEAD_BLOCKS.rejectReasonSelect]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Too early' }, value: 'too_early' } } },
          [LEAD_BLOCKS.rejectComment]: { [LEAD_BLOCKS.rejectCommentInput]: { type: 'plain_text_input', value: null } },
        },
      });
      await answered(lead.id, 'rejected');
    }
    for (let i = 0; i < 2; i += 1) await deliveredLead(app, { name: `Waiting ${i}` });
    expect((await app.post('/webhooks/leads', leadBody({ name: 'Held 0', score: 10 }))).json.status).toBe('held');
    (app.clock as ManualClock).advance(60_000);
  }, 60_000);
  afterAll(async () => { await app.stop(); });

  /** What the database says, counted by SQL rather than by Handoff's own code. */
  async function fromRows() {
    const rows = await app.handoff.deps.db.selectFrom('leads').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute();
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
    return { total, accepted: by.accepted ?? 0, hot: by.hot ?? 0, rejected: by.rejected ?? 0, waiting: by.new ?? 0, held: by.held ?? 0 };
  }

  it('shows on the marketer\'s Home each lead once, adding up to the leads of the week', async () => {
    const db = await fromRows();
    expect(db).toEqual({ total: 10, accepted: 3, hot: 2, rejected: 2, waiting: 2, held: 1 });
    const home = JSON.stringify(await openHome(app, PEOPLE.marketer.id));
    expect(home).toContain(`${db.total} leads this week · ${db.accepted} accepted · ${db.hot} hot · ${db.rejected} not qualified · ${db.waiting} waiting for an answer · ${db.held} held`);
  });

  it('shows in the digest the same numbers the rows hold', async () => {
    const db = await fromRows();
    await app.slack.command('/handoff', 'digest', { userId: PEOPLE.admin.id, channelId: 'CDIGEST009' });
    await outboxDrained(app.handoff.deps.db);
    const digest = app.standIn.messages('CDIGEST009').at(-1)!;
    const table = readable(digest).split('*Leads this week*')[1].split('```')[1];
    const figure = (label: string) => Number(table.split('\n').find((line) => line.startsWith(label))?.slice(label.length).trim());
    expect(figure('Handed over to reps')).toBe(db.total - db.held);
    expect(figure('Accepted')).toBe(db.accepted);
    expect(figure('Rejected')).toBe(db.rejected);
    expect(figure('Hot (emails paused)')).toBe(db.hot);
    expect(figure('Still waiting')).toBe(db.waiting);
    expect(figure('Held (not qualified)')).toBe(db.held);
    // The rep's line: every lead handed over was theirs, and the 7 answered were answered at once.
    const answered = db.accepted + db.hot + db.rejected;
    expect(readable(digest)).toContain(`*By rep* (0 claims · 0 reassignments)\n<@${rep.id}> · ${db.total - db.held} leads · ${answered} answered within SLA · median 0 min`);
    expect(digest.text).toContain(`${db.total - db.held} leads handed over · ${db.accepted} accepted · ${db.rejected} rejected · ${db.hot} hot · 0 unanswered past SLA`);
  });
});
