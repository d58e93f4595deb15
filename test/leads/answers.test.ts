import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, LEAD_BLOCKS, VIEWS } from '../../src/views/ids.ts';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { buttonIds, deliveredLead, dmMessage, eventually, leadRow, readable, seedCampaign } from './support.ts';

type Delivered = Awaited<ReturnType<typeof deliveredLead>>;

describe('answering a lead from its DM', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id } });
    await seedCampaign(app);
  });
  afterAll(async () => { await app.stop(); });

  const click = (lead: Delivered, userId: string, actionId: string, value?: string) =>
    app.slack.blockAction({ userId, actionId, channelId: lead.channel, messageTs: lead.ts, ...(value !== undefined ? { value } : {}) });

  /** The ephemeral reply sent to this click's response_url. */
  const ephemeralAfter = async (since: number) => {
    const [reply] = await app.standIn.waitFor('response_url', (c) => c.at >= since);
    return reply.args;
  };

  const updatedDm = (lead: Delivered, contains: string) =>
    eventually(() => {
      const dm = dmMessage(app, lead);
      return dm && readable(dm).includes(contains) ? dm : undefined;
    }, 5000, `the DM to show "${contains}"`);

  it('Accept by the owner records the answer and re-renders the DM with who and when, leaving only Hot and the ratings', async () => {
    const lead = await deliveredLead(app);
    const res = await click(lead, PEOPLE.rep.id, ACTIONS.leadAccept);
    expect(res.status).toBe(200);
    const dm = await updatedDm(lead, '✅ Accepted by you at <!date^');
    expect(readable(dm)).toContain('|2026-11-23 10:00 UTC>');
    expect(buttonIds(dm).filter((id) => !id.startsWith('rate_'))).toEqual([ACTIONS.leadHot]);
    expect(buttonIds(dm).filter((id) => id.startsWith('rate_'))).toHaveLength(4);
    expect(await leadRow(app, lead.id)).toMatchObject({ status: 'accepted', answered_by: PEOPLE.rep.id, answered_at: app.clock.now().toISOString() });
    const timeline = (await app.get(`/api/leads/${lead.id}`)).json.timeline;
    expect(timeline.at(-1)).toMatchObject({ type: 'accepted', actor: PEOPLE.rep.id });
  });

  it('tells whoever clicks an answered lead who answered it and when, and changes nothing', async () => {
    const lead = await deliveredLead(app);
    await click(lead, PEOPLE.rep.id, ACTIONS.leadAccept);
    await updatedDm(lead, '✅ Accepted by');
    // The updated DM has no Accept any more; a client showing the old message can still send it.
    const since = Date.now();
    await click(lead, PEOPLE.rep.id, ACTIONS.leadAccept, lead.id);
    const reply = await ephemeralAfter(since);
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.text).toMatch(new RegExp(`^This lead was already accepted by <@${PEOPLE.rep.id}> at <!date\\^`));
    const since2 = Date.now();
    await click(lead, PEOPLE.rep.id, ACTIONS.leadReject, lead.id);
    expect((await ephemeralAfter(since2)).text).toMatch(/already accepted/);
    const events = (await app.get(`/api/leads/${lead.id}`)).json.timeline.filter((e: { type: string }) => e.type === 'accepted');
    expect(events).toHaveLength(1);
  });

  it('refuses a stranger with an ephemeral note saying whose lead it is, and changes nothing', async () => {
    const lead = await deliveredLead(app);
    const updatesBefore = app.standIn.callsTo('chat.update').length;
    for (const action of [ACTIONS.leadAccept, ACTIONS.leadReject]) {
      const since = Date.now();
      await click(lead, PEOPLE.stranger.id, action);
      const reply = await ephemeralAfter(since);
      expect(reply.text).toBe(`This is <@${PEOPLE.rep.id}>'s lead; only they (or a Handoff admin) can answer it.`);
    }
    expect(await leadRow(app, lead.id)).toMatchObject({ status: 'new', answered_by: null });
    expect(app.standIn.callsTo('views.open').filter((c) => JSON.stringify(c.args).includes(lead.id))).toHaveLength(0);
    expect(app.standIn.callsTo('chat.update').length).toBe(updatesBefore);
  });

  it('lets an admin answer someone else\'s lead', async () => {
    const lead = await deliveredLead(app);
    await click(lead, PEOPLE.admin.id, ACTIONS.leadAccept);
    await updatedDm(lead, `✅ Accepted by <@${PEOPLE.admin.id}>`);
    expect(await leadRow(app, lead.id)).toMatchObject({ status: 'accepted', answered_by: PEOPLE.admin.id });
  });

  it('answers a forged or unknown lead id with "no longer exists" and changes nothing', async () => {
    const lead = await deliveredLead(app);
    for (const [action, value] of [[ACTIONS.leadAccept, 'no-such-lead'], [ACTIONS.leadReject, 'x'.repeat(300)], [ACTIONS.leadAccept, '']] as const) {
      const since = Date.now();
      const res = await click(lead, PEOPLE.rep.id, action, value);
      expect(res.status).toBe(200);
      expect((await ephemeralAfter(since)).text).toBe("This lead no longer exists in Handoff, so there's nothing to answer. Nothing was changed.");
    }
    expect(await leadRow(app, lead.id)).toMatchObject({ status: 'new' });
  });

  it('Not qualified opens the reason modal, keeps it open with field errors, then tells marketing the reason and comment', async () => {
    const lead = await deliveredLead(app);
    await click(lead, PEOPLE.rep.id, ACTIONS.leadReject);
    const [opened] = await app.standIn.waitFor('views.open', (c) => c.args.view?.private_metadata?.includes(lead.id));
    const modal = opened.args.view;
    expect(modal.callback_id).toBe(VIEWS.leadReject);
    expect(modal.title.text).toBe('Not qualified');
    expect(readable(modal)).toContain('Why is *Ada Lovelace (CTO, Analytical Engines)* not a qualified lead?');
    const options = modal.blocks.find((b: any) => b.block_id === LEAD_BLOCKS.rejectReason).element.options.map((o: any) => o.text.text);
    expect(options).toEqual(['No budget', 'Not decision maker', 'Too early', 'Bad fit', 'Bad data', 'Duplicate', 'Other']);

    const submit = (reason: string | null, comment: string | null, userId: string = PEOPLE.rep.id) =>
      app.slack.viewSubmission({
        userId,
        callbackId: VIEWS.leadReject,
        values: {
          [LEAD_BLOCKS.rejectReason]: { [LEAD_BLOCKS.rejectReasonSelect]: { type: 'static_select', selected_option: reason ? { text: { type: 'plain_text', text: reason }, value: reason } : null } },
          [LEAD_BLOCKS.rejectComment]: { [LEAD_BLOCKS.rejectCommentInput]: { type: 'plain_text_input', value: comment } },
        },
      });

    const other = await submit('other', null);
    expect(other.status).toBe(200);
    expect(other.json).toEqual({ response_action: 'errors', errors: { [LEAD_BLOCKS.rejectComment]: 'With “Other”, say why in a comment so marketing can act on it.' } });
    const bogus = await submit('too_rich', 'hm');
    expect(bogus.json.errors).toEqual({ [LEAD_BLOCKS.rejectReason]: 'Pick one of the listed reasons.' });
    const stranger = await submit('bad_fit', 'not my lead but still', PEOPLE.stranger.id);
    expect(stranger.json.errors[LEAD_BLOCKS.rejectReason]).toMatch(/not your lead/);
    expect(await leadRow(app, lead.id)).toMatchObject({ status: 'new' });

    const ok = await submit('no_budget', 'Budget frozen until Q3 <really>');
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const notice = await eventually(() => app.standIn.messages(MARKETING_CHANNEL).find((m) => m.text?.includes(lead.id) || m.text?.includes('marked *Ada Lovelace')));
    expect(notice.text).toBe(
      `❌ <@${PEOPLE.rep.id}> marked *Ada Lovelace (CTO, Analytical Engines)* (ada@analytical.example) from campaign \`q4-ai-webinar\` as not qualified — *No budget*\n> Budget frozen until Q3 &lt;really&gt;`,
    );
    const dm = await updatedDm(lead, '❌ Not qualified, said you');
    expect(readable(dm)).toContain('— No budget: “Budget frozen until Q3 &lt;really&gt;”');
    expect(buttonIds(dm).filter((id) => !id.startsWith('rate_'))).toEqual([]);
    expect(await leadRow(app, lead.id)).toMatchObject({ status: 'rejected', reject_reason: 'no_budget', reject_comment: 'Budget frozen until Q3 <really>', answered_by: PEOPLE.rep.id });
    const timeline = (await app.get(`/api/leads/${lead.id}`)).json.timeline;
    expect(timeline.at(-1)).toMatchObject({ type: 'rejected', actor: PEOPLE.rep.id, detail: { reason: 'no_budget', comment: 'Budget frozen until Q3 <really>' } });

    const again = await submit('bad_fit', null);
    expect(again.json.errors[LEAD_BLOCKS.rejectReason]).toBe('This lead was already answered (rejected); nothing was changed.');
  });
});

describe('lead buttons without HANDOFF_ADMINS', () => {
  it('let only the owner answer: with no admins named, nobody else counts as one', async () => {
    const app = await startTestApp();
    try {
      const lead = await deliveredLead(app);
      const since = Date.now();
      await app.slack.blockAction({ userId: PEOPLE.stranger.id, actionId: ACTIONS.leadAccept, channelId: lead.channel, messageTs: lead.ts });
      const [reply] = await app.standIn.waitFor('response_url', (c) => c.at >= since);
      expect(reply.args.text).toMatch(/only they \(or a Handoff admin\) can answer it/);
      expect(await leadRow(app, lead.id)).toMatchObject({ status: 'new' });
    } finally {
      await app.stop();
    }
  });
});
