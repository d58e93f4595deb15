import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaignByKey } from '../../src/domain/campaigns/queries.ts';
import { CAMPAIGN_BRIEF_BLOCKS as B, ACTIONS, SHORTCUTS, VIEWS } from '../../src/views/ids.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { blocksText, createBriefInSlack, laterAnswer, messageShortcut, openFormByCommand, submitForm } from './support.ts';

describe('the campaign brief modal', () => {
  let app: TestApp;
  const marketer = PEOPLE.marketer.id;

  beforeAll(async () => {
    app = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id } });
  });
  afterAll(() => app.stop());

  it('opens from /campaign with the command’s trigger, with every brief field and a short title', async () => {
    const { res, call, view } = await openFormByCommand(app, marketer);
    expect(res.text).toBe('');
    expect(call.args.view.callback_id).toBe(VIEWS.campaignBrief);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const inputs = view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id);
    expect(inputs).toEqual([B.key, B.name, B.goal, B.audience, B.stage, B.offer, B.keyMessages, B.talkingPoints, B.assets, B.startsOn, B.endsOn, B.owner]);
    const stage = view.blocks.find((b: any) => b.block_id === B.stage).element;
    expect(stage.options.map((o: any) => o.value)).toEqual(['awareness', 'consideration', 'decision']);
    const owner = view.blocks.find((b: any) => b.block_id === B.owner).element;
    expect(owner).toMatchObject({ type: 'users_select', initial_user: marketer });
    expect(view.blocks.find((b: any) => b.block_id === B.startsOn).element.type).toBe('datepicker');
  });

  it('answers a bad submission with an error on each bad field and saves nothing', async () => {
    const { view } = await openFormByCommand(app, marketer);
    const res = await submitForm(app, marketer, view, {
      key: 'Q4 Webinar!',
      name: '  ',
      assets: 'AI Buyer Guide | https://example.com/guide | ebook\nJust a title\nDeck | ftp://files.example/deck.pdf',
      startsOn: '2026-12-01',
      endsOn: '2026-11-01',
    });
    expect(res.status).toBe(200);
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors).sort()).toEqual([B.assets, B.endsOn, B.key, B.name].sort());
    expect(res.json.errors[B.key]).toMatch(/lowercase letters, digits and dashes/);
    expect(res.json.errors[B.name]).toBe('The name is required.');
    expect(res.json.errors[B.assets]).toContain('line 2 is not "Title | URL | kind"');
    expect(res.json.errors[B.assets]).toContain('line 3: the URL must start with http:// or https://');
    expect(res.json.errors[B.endsOn]).toBe('The end date must be on or after the start date.');
    expect(await app.handoff.deps.db.selectFrom('campaigns').selectAll().execute()).toEqual([]);
  });

  it('saves a valid brief with its assets as rows, and /campaign show displays it', async () => {
    const { view } = await openFormByCommand(app, marketer);
    const res = await submitForm(app, marketer, view, {
      key: 'q4-ai-webinar',
      name: 'Q4 AI Readiness Webinar',
      goal: 'Book discovery calls with data leaders',
      audience: 'VP Data and CTOs',
      stage: 'consideration',
      offer: 'Free AI readiness assessment',
      keyMessages: 'Ship models in weeks, not quarters\n\n• Your data stays yours',
      talkingPoints: 'Ask which pilot stalled and why',
      assets: 'AI Buyer Guide | https://example.com/guide | ebook\nROI calculator | https://example.com/roi',
      startsOn: '2026-11-01',
      endsOn: '2026-12-15',
    });
    expect(res.json.response_action).toBe('update');
    expect(res.json.view.title.text).toBe('Brief saved');
    expect(blocksText(res.json.view.blocks)).toContain('Saved *Q4 AI Readiness Webinar* (`q4-ai-webinar`)');

    const brief = await findCampaignByKey(app.handoff.deps.db, 'q4-ai-webinar');
    expect(brief).toMatchObject({
      name: 'Q4 AI Readiness Webinar',
      stage: 'consideration',
      key_messages: ['Ship models in weeks, not quarters', 'Your data stays yours'],
      talking_points: ['Ask which pilot stalled and why'],
      starts_on: '2026-11-01',
      ends_on: '2026-12-15',
      owner_slack_id: marketer,
      created_by: marketer,
      status: 'active',
    });
    expect(brief!.assets.map((a) => [a.title, a.url, a.kind])).toEqual([
      ['AI Buyer Guide', 'https://example.com/guide', 'ebook'],
      ['ROI calculator', 'https://example.com/roi', null],
    ]);

    const shown = await app.slack.command('/campaign', 'show Q4-AI-Webinar', { userId: PEOPLE.rep.id });
    expect(shown.json.response_type).toBe('ephemeral');
    const text = blocksText(shown.json.blocks);
    for (const part of ['Q4 AI Readiness Webinar', 'Book discovery calls with data leaders', 'VP Data and CTOs', 'Consideration', 'Free AI readiness assessment',
      '• Ship models in weeks, not quarters', '• Ask which pilot stalled and why', '<https://example.com/guide|AI Buyer Guide> · ebook', `<@${marketer}>`, 'Nov 1, 2026 – Dec 15, 2026']) {
      expect(text).toContain(part);
    }
  });

  it('refuses a key that another campaign already uses, on the key field', async () => {
    await createBriefInSlack(app, marketer, { key: 'taken-key', name: 'First' });
    const { view } = await openFormByCommand(app, marketer);
    const res = await submitForm(app, marketer, view, { key: 'taken-key', name: 'Second' });
    expect(res.json).toEqual({ response_action: 'errors', errors: { [B.key]: 'The key `taken-key` is already used by the campaign "First". Pick another key.' } });
    expect((await findCampaignByKey(app.handoff.deps.db, 'taken-key'))!.name).toBe('First');
  });

  it('opens prefilled from /campaign edit and saves changes to the same brief, key unchanged', async () => {
    await createBriefInSlack(app, marketer, { key: 'edit-me', name: 'Before', assets: 'Guide | https://example.com/g | ebook' });
    const before = (await findCampaignByKey(app.handoff.deps.db, 'edit-me'))!;
    const { view } = await openFormByCommand(app, marketer, 'edit edit-me');
    expect(view.title.text).toBe('Edit campaign brief');
    expect(view.blocks.some((b: any) => b.block_id === B.key)).toBe(false);
    expect(JSON.stringify(view.blocks)).toContain('`edit-me`');
    expect(view.blocks.find((b: any) => b.block_id === B.name).element.initial_value).toBe('Before');
    expect(view.blocks.find((b: any) => b.block_id === B.assets).element.initial_value).toBe('Guide | https://example.com/g | ebook');
    expect(JSON.parse(view.private_metadata)).toEqual({ id: before.id });

    const res = await submitForm(app, marketer, view, { name: 'After', assets: 'Guide v2 | https://example.com/g | ebook\nNew | https://example.com/new' });
    expect(res.json.response_action).toBe('update');
    expect(res.json.view.title.text).toBe('Brief updated');
    const after = (await findCampaignByKey(app.handoff.deps.db, 'edit-me'))!;
    expect(after).toMatchObject({ id: before.id, name: 'After' });
    expect(after.assets[0]).toMatchObject({ id: before.assets[0].id, title: 'Guide v2' });
    expect(after.assets).toHaveLength(2);
  });

  it('opens from the "Save as campaign brief" message shortcut, drafted from the message', async () => {
    const text = [
      '*Q1 Data Summit*',
      'Goal: Meet 50 data leaders in person',
      'Audience: Heads of data at fintechs',
      'Stage: awareness',
      'Key messages:',
      '• One platform for every model',
      '• Compliance built in',
      'Deck: <https://example.com/deck|Summit deck>',
      'Dates: 2027-01-10 to 2027-01-12',
    ].join('\n');
    const before = app.standIn.okCalls('views.open').length;
    const { res, payload } = await messageShortcut(app, marketer, text);
    expect(res.status).toBe(200);
    const calls = await app.standIn.waitFor('views.open', () => true, { count: before + 1 });
    expect(calls.at(-1)!.args.trigger_id).toBe(payload.trigger_id);
    const view = app.standIn.views().at(-1);
    const initial = (id: string) => {
      const el = view.blocks.find((b: any) => b.block_id === id).element;
      return el.initial_value ?? el.initial_date ?? el.initial_option?.value;
    };
    expect(initial(B.key)).toBe('q1-data-summit');
    expect(initial(B.name)).toBe('Q1 Data Summit');
    expect(initial(B.goal)).toBe('Meet 50 data leaders in person');
    expect(initial(B.audience)).toBe('Heads of data at fintechs');
    expect(initial(B.stage)).toBe('awareness');
    expect(initial(B.keyMessages)).toBe('One platform for every model\nCompliance built in');
    expect(initial(B.assets)).toBe('Summit deck | https://example.com/deck');
    expect(initial(B.startsOn)).toBe('2027-01-10');
    expect(initial(B.endsOn)).toBe('2027-01-12');

    const saved = await submitForm(app, marketer, view);
    expect(saved.json.response_action).toBe('update');
    expect((await findCampaignByKey(app.handoff.deps.db, 'q1-data-summit'))!.assets).toHaveLength(1);
    expect(SHORTCUTS.saveAsBrief).toBe('save_as_campaign_brief');
  });

  it('opens the form from the Home tab’s New brief button', async () => {
    const before = app.standIn.okCalls('views.open').length;
    const res = await app.slack.blockAction({ userId: marketer, actionId: ACTIONS.homeNewBrief, view: { id: 'VHOME0001', type: 'home', blocks: [] } });
    expect(res.status).toBe(200);
    const calls = await app.standIn.waitFor('views.open', () => true, { count: before + 1 });
    expect(calls.at(-1)!.args.view.callback_id).toBe(VIEWS.campaignBrief);
  });
  it('keeps stored lists too long for a text input as they are when the form is saved', async () => {
    const messages = Array.from({ length: 20 }, (_, i) => `Message ${i} ${'m'.repeat(200)}`);
    await app.post('/webhooks/campaigns', { key: 'long-lists', name: 'Long lists', key_messages: messages, owner: { slack_user_id: marketer } });
    const { view } = await openFormByCommand(app, marketer, 'edit long-lists');
    expect(view.blocks.some((b: any) => b.block_id === B.keyMessages)).toBe(false);
    expect(JSON.stringify(view.blocks)).toContain('*Key messages:* 20 lines, too long to edit here');
    const res = await submitForm(app, marketer, view, { name: 'Long lists, renamed' });
    expect(res.json.response_action).toBe('update');
    expect(await findCampaignByKey(app.handoff.deps.db, 'long-lists')).toMatchObject({ name: 'Long lists, renamed', key_messages: messages });
  });

  it('hands a brief to another owner chosen in the form, and keeps an email-only owner when left empty', async () => {
    await app.post('/webhooks/campaigns', { key: 'email-owner', name: 'Email owner', owner: { email: 'someone@elsewhere.example' } });
    const { view } = await openFormByCommand(app, PEOPLE.admin.id, 'edit email-owner');
    const owner = view.blocks.find((b: any) => b.block_id === B.owner);
    expect(owner.element.initial_user).toBeUndefined();
    expect(owner.hint.text).toBe('Now someone@elsewhere.example (not found in Slack). Leave empty to keep that.');
    await submitForm(app, PEOPLE.admin.id, view, { goal: 'A goal' });
    expect(await findCampaignByKey(app.handoff.deps.db, 'email-owner')).toMatchObject({ owner_slack_id: null, owner_email: 'someone@elsewhere.example', goal: 'A goal' });

    const again = await openFormByCommand(app, PEOPLE.admin.id, 'edit email-owner');
    await submitForm(app, PEOPLE.admin.id, again.view, { owner: PEOPLE.rep2.id });
    expect(await findCampaignByKey(app.handoff.deps.db, 'email-owner')).toMatchObject({ owner_slack_id: PEOPLE.rep2.id, owner_email: null });
  });

  it('names the line of a key message that is too long', async () => {
    const { view } = await openFormByCommand(app, marketer);
    const res = await submitForm(app, marketer, view, { key: 'too-long', name: 'Too long', keyMessages: `fine\n${'x'.repeat(501)}` });
    expect(res.json).toEqual({ response_action: 'errors', errors: { [B.keyMessages]: 'Key messages: line 2 is longer than 500 characters.' } });
  });

  it('tells the person when Slack will not open the form', async () => {
    app.standIn.addFault({ method: 'views.open', fault: { kind: 'slack_error', error: 'expired_trigger_id' }, times: 1 });
    await app.slack.command('/campaign', '', { userId: marketer });
    expect(await laterAnswer(app, 'could not open')).toBe('Handoff could not open the brief form (Slack did not answer in time). Please run the command again.');
  });
});
