import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { findCampaignByKey } from '../../src/domain/campaigns/queries.ts';
import { CAMPAIGN_BRIEF_BLOCKS as B } from '../../src/views/ids.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { laterAnswer, messageShortcut, openFormByCommand, submitForm } from './support.ts';

const GROUP = 'SMARKETING1';
const CHECK_FAILED = 'Handoff could not check your permissions with Slack just now, so nothing was changed. Please try again in a minute.';

describe('who may post, edit and archive briefs (MARKETING_USERGROUP and HANDOFF_ADMINS set)', () => {
  let app: TestApp;
  const clock = new ManualClock();
  const { marketer, rep2: otherMarketer, admin, stranger } = PEOPLE;

  beforeAll(async () => {
    app = await startTestApp({
      clock,
      env: { MARKETING_USERGROUP: GROUP, HANDOFF_ADMINS: admin.id },
      standIn: { usergroups: { [GROUP]: [marketer.id, otherMarketer.id] } },
    });
    const res = await app.post('/webhooks/campaigns', { key: 'owned', name: 'Owned by the marketer', owner: { slack_user_id: marketer.id } });
    expect(res.status).toBe(201);
  });
  afterAll(() => app.stop());

  it('lets a member of the marketing group open the form, asking Slack who is in the group', async () => {
    const { view } = await openFormByCommand(app, marketer.id);
    expect(view).toBeDefined();
    expect(app.standIn.okCalls('usergroups.users.list')[0].args.usergroup).toBe(GROUP);
  });

  it('refuses /campaign to someone outside the marketing group, saying why, and opens nothing', async () => {
    const opened = app.standIn.okCalls('views.open').length;
    const res = await app.slack.command('/campaign', '', { userId: stranger.id });
    expect(res.status).toBe(200);
    expect(await laterAnswer(app, 'Only members of')).toBe(
      `Only members of <!subteam^${GROUP}> can post campaign briefs, and you are not one. Ask a Handoff admin to add you.`,
    );
    expect(app.standIn.okCalls('views.open')).toHaveLength(opened);
  });

  it('refuses the message shortcut to someone outside the marketing group', async () => {
    const opened = app.standIn.okCalls('views.open').length;
    const { payload } = await messageShortcut(app, stranger.id, 'Q1 launch\nGoal: more pipeline');
    const [answer] = await app.standIn.waitFor('response_url', (c) => c.args._id === payload.response_url.split('/').pop());
    expect(answer.args.text).toContain('can post campaign briefs');
    expect(app.standIn.okCalls('views.open')).toHaveLength(opened);
  });

  it('refuses a submitted form from someone who left the group meanwhile, on the key field', async () => {
    const { view } = await openFormByCommand(app, otherMarketer.id);
    app.standIn.setUsergroup(GROUP, [marketer.id]);
    clock.advance(2 * 60_000); // past the group cache
    const res = await submitForm(app, otherMarketer.id, view, { key: 'sneaky', name: 'Sneaky' });
    expect(res.json.response_action).toBe('errors');
    expect(res.json.errors[B.key]).toContain('can post campaign briefs');
    expect(await findCampaignByKey(app.handoff.deps.db, 'sneaky')).toBeUndefined();
    app.standIn.setUsergroup(GROUP, [marketer.id, otherMarketer.id]);
    clock.advance(2 * 60_000);
  });

  it('refuses /campaign edit and archive to a marketer who is neither the owner nor an admin', async () => {
    for (const sub of ['edit', 'archive']) {
      const res = await app.slack.command('/campaign', `${sub} owned`, { userId: otherMarketer.id });
      expect(res.json).toEqual({
        response_type: 'ephemeral',
        text: `Only its owner, <@${marketer.id}>, or a Handoff admin can ${sub} \`owned\`. Ask them, or an admin, to make the change.`,
      });
    }
    expect((await findCampaignByKey(app.handoff.deps.db, 'owned'))!.status).toBe('active');
  });

  it('lets an admin edit someone else’s brief, and the owner archive it', async () => {
    const { view } = await openFormByCommand(app, admin.id, 'edit owned');
    const res = await submitForm(app, admin.id, view, { name: 'Renamed by the admin' });
    expect(res.json.response_action).toBe('update');
    const brief = (await findCampaignByKey(app.handoff.deps.db, 'owned'))!;
    expect(brief).toMatchObject({ name: 'Renamed by the admin', owner_slack_id: marketer.id });

    await app.slack.command('/campaign', 'archive owned', { userId: marketer.id });
    await laterAnswer(app, 'Archived *Renamed by the admin*');
    expect((await findCampaignByKey(app.handoff.deps.db, 'owned'))!.status).toBe('archived');
  });

  it('refuses an edit form submitted by someone who is not the owner', async () => {
    await app.post('/webhooks/campaigns', { key: 'mine', name: 'Mine', owner: { slack_user_id: marketer.id } });
    const { view } = await openFormByCommand(app, marketer.id, 'edit mine');
    // Ownership moves to someone else while the form is open.
    await app.post('/webhooks/campaigns', { key: 'mine', name: 'Mine', owner: { slack_user_id: otherMarketer.id } });
    const res = await submitForm(app, marketer.id, view, { name: 'Hijacked' });
    expect(res.json.response_action).toBe('errors');
    expect(res.json.errors[B.name]).toContain('or a Handoff admin can edit `mine`');
    expect((await findCampaignByKey(app.handoff.deps.db, 'mine'))!.name).toBe('Mine');
  });

  it('says it could not check, rather than refusing, when Slack cannot answer for the group', async () => {
    clock.advance(2 * 60_000);
    app.standIn.addFault({ method: 'usergroups.users.list', fault: { kind: 'http_error', status: 503 }, times: 1 });
    const opened = app.standIn.okCalls('views.open').length;
    await app.slack.command('/campaign', '', { userId: marketer.id });
    expect(await laterAnswer(app, 'could not check')).toBe(CHECK_FAILED);
    expect(app.standIn.okCalls('views.open')).toHaveLength(opened);
  });
});
