import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.ts';
import { CLAIM_TEXT } from '../../src/views/lead-claim.ts';
import { PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, leadBody, leadRow, readable } from './support.ts';

// A HubSpot contact with no owner yet is common (unassigned contacts, Salesforce queue owners):
// the README's HubSpot template then sends an owner whose email is an empty string. Such a lead is
// stored, and offered in the sales channel: the first rep to click Claim gets it.

describe('a lead nobody owns', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  const offerFor = (name: string) => eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.text?.includes(name)), 5000, `the Claim offer for ${name}`);
  // The stand-in edits its stored message in place: the button is read once, as the rep saw it.
  const claimButton = (offer: { blocks?: any[] }) => ({ ...offer.blocks!.find((b: any) => b.type === 'actions').elements[0] });
  const claim = (userId: string, offer: { ts: string }, button: { action_id: string; value: string }) =>
    app.slack.blockAction({ userId, actionId: button.action_id, value: button.value, channelId: SALES_CHANNEL, messageTs: offer.ts });
  const answerTo = async (userId: string, before: number) =>
    (await app.standIn.waitFor('response_url', () => true, { count: before + 1 })).slice(before).map((c) => c.args.text);

  it('is stored and offered in the sales channel, without its email, when the owner came out empty', async () => {
    const body = leadBody({ name: 'Olive Orphan', owner: { email: '' } });
    const res = await app.post('/webhooks/leads', body);
    expect(res.json).toEqual({ id: body.id, status: 'accepted' });
    expect(await leadRow(app, body.id)).toMatchObject({ owner_slack_id: null, owner_email: null, delivery: 'unassigned', status: 'new' });
    const offer = await offerFor('Olive Orphan');
    expect(offer.text).toBe(`🙋 New lead nobody owns yet: *Olive Orphan* (CTO, Analytical Engines) from \`q4-ai-webinar\` · consideration. The first to click *Claim* gets it, with its DM.`);
    expect(readable(offer)).not.toContain(body.email);
    expect(offer.blocks!.find((b: any) => b.type === 'actions').elements[0]).toMatchObject({ action_id: ACTIONS.leadClaim, value: body.id });
  });

  it('goes to the first of two reps clicking at the same moment; the other is told who has it; one DM', async () => {
    const body = leadBody({ name: 'Rita Race', owner: undefined });
    delete body.owner;
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    const offer = await offerFor('Rita Race');
    const button = claimButton(offer);
    const before = app.standIn.callsTo('response_url').length;
    await Promise.all([claim(PEOPLE.rep.id, offer, button), claim(PEOPLE.rep2.id, offer, button)]);
    const answers = await eventually(async () => {
      const got = app.standIn.callsTo('response_url').slice(before).map((c) => String(c.args.text));
      return got.length >= 2 ? got : undefined;
    }, 5000, 'both answers');
    const row = await leadRow(app, body.id);
    const winner = row!.owner_slack_id!;
    const loser = winner === PEOPLE.rep.id ? PEOPLE.rep2.id : PEOPLE.rep.id;
    expect([PEOPLE.rep.id, PEOPLE.rep2.id]).toContain(winner);
    expect(answers.sort()).toEqual([CLAIM_TEXT.yours, CLAIM_TEXT.taken(winner)].sort());

    await eventually(async () => (await leadRow(app, body.id))?.delivery === 'delivered', 8000, 'the winner’s DM');
    const dms = (user: string) => app.standIn.messages(app.standIn.dmChannelFor(user)).filter((m) => m.text?.includes('Rita Race'));
    expect(dms(winner)).toHaveLength(1);
    expect(dms(loser)).toHaveLength(0);
    const updated = await eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.ts === offer.ts && m.updated), 5000, 'the offer to say who took it');
    expect(updated.text).toBe(`✋ <@${winner}> claimed *Rita Race* (CTO, Analytical Engines): it is theirs now.`);
    const timeline = (await app.get(`/api/leads/${body.id}`)).json.timeline.map((e: any) => [e.type, e.actor]);
    expect(timeline).toEqual(expect.arrayContaining([['claimed', winner]]));

    // A later click is told too, and changes nothing.
    const later = app.standIn.callsTo('response_url').length;
    await claim(PEOPLE.admin.id, offer, button);
    expect(await answerTo(PEOPLE.admin.id, later)).toEqual([CLAIM_TEXT.taken(winner)]);
    expect((await leadRow(app, body.id))!.owner_slack_id).toBe(winner);
  });

  it('leaves out an owner that is not a valid address, with a warning, and offers the lead', async () => {
    const body = leadBody({ name: 'Wendy Wrong', owner: { email: 'owner at yourco' } });
    const res = await app.post('/webhooks/leads', body);
    expect(res.json.warnings).toEqual([{ path: 'owner.email', message: 'must be an email address such as ada@analytical.example; left out' }]);
    await offerFor('Wendy Wrong');
  });

  it('answers a forged claim value plainly', async () => {
    const before = app.standIn.callsTo('response_url').length;
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadClaim, value: 'no-such-lead', channelId: SALES_CHANNEL, messageTs: '1.1' });
    expect(await answerTo(PEOPLE.rep.id, before)).toEqual([CLAIM_TEXT.gone]);
  });
});
