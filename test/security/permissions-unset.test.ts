import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { findCampaignByKey } from '../../src/domain/campaigns/queries.ts';
import { heldSummaryJob } from '../../src/jobs/held-summary.ts';
import { hotleadExpiryJob } from '../../src/jobs/hotlead-expiry.ts';
import { digestRefusedText } from '../../src/views/digest-command.ts';
import { RELEASE_NOT_ADMIN } from '../../src/views/held-release.ts';
import { HOME_TEXT } from '../../src/views/home.ts';
import { LIST_ALL_REFUSED } from '../../src/views/hotlead-replies.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { NO_ADMINS_LOG } from '../../src/views/permissions-text.ts';
import { openFormByCommand, submitForm } from '../campaigns/support.ts';
import { hotlead, insertLead, outbox, pauses } from '../hotleads/support.ts';
import { deliveredLead, openHome } from '../leads/support.ts';
import { writeRules } from '../mql/support.ts';
import { outboxDrained } from '../support/content-fixtures.ts';
import { freePort } from '../support/handoff-process.ts';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { collect, eventually, spawnCli } from '../support/spawn.ts';

// HANDOFF_ADMINS unset means nobody is an admin — not everybody. Tried as a stranger would, with
// no admins configured: every action that needs an owner or an admin is refused, says why, and
// changes nothing. With the setting, the admin may do each of them.

const { rep, rep2, marketer, stranger, admin } = PEOPLE;
const DIGEST = 'CDIGEST001';

async function world(env: Record<string, string>) {
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const app = await startTestApp({ clock, env: { MQL_RULES: writeRules({ min_score: 50 }), DIGEST_CHANNELS: DIGEST, ...env } });
  await app.post('/webhooks/campaigns', { key: 'owned', name: 'Owned brief', goal: 'The owner’s goal', owner: { slack_user_id: marketer.id } });
  await insertLead(app, { id: 'crm-paused', email: 'paused@customer.example', name: 'Paula Paused', owner_slack_id: rep.id });
  await hotlead(app, rep.id, 'paused@customer.example 3d');
  const held = await app.post('/webhooks/leads', { id: 'crm-held', email: 'held@customer.example', name: 'Hal Held', score: 10, owner: { slack_user_id: rep2.id } });
  expect(held.json.status).toBe('held');
  return { app, clock };
}

describe('with HANDOFF_ADMINS unset, nobody is an admin', () => {
  let app: TestApp;
  let clock: ManualClock;
  beforeAll(async () => { ({ app, clock } = await world({})); });
  afterAll(async () => { await app.stop(); });

  it("refuses a stranger another rep's pause: release, list all, extend, let end", async () => {
    const queued = (await outbox(app)).length;
    expect(await hotlead(app, stranger.id, 'release paused@customer.example')).toBe(
      `You can't release Paula Paused (paused@customer.example): only whoever paused it (<@${rep.id}>), the lead's owner (<@${rep.id}>) or a Handoff admin may. Ask one of them.`,
    );
    expect(await hotlead(app, stranger.id, 'list all')).toBe(LIST_ALL_REFUSED);

    clock.set('2026-11-26T00:00:00Z');
    await hotleadExpiryJob.run(app.handoff.deps);
    await outboxDrained(app.handoff.deps.db);
    const warning = app.standIn.messages(app.standIn.dmChannelFor(rep.id)).find((m) => m.text?.includes('Still working the deal?'))!;
    const values = warning.blocks!.find((b: any) => b.type === 'actions').elements;
    for (const button of values) {
      const before = app.standIn.callsTo('response_url').length;
      await app.slack.blockAction({ userId: stranger.id, actionId: button.action_id, value: button.value, channelId: warning.channel, messageTs: warning.ts });
      const [answer] = (await app.standIn.waitFor('response_url', () => true, { count: before + 1 })).slice(before);
      expect(answer.args.text).toBe(`Only whoever paused it (<@${rep.id}>), the lead's owner or a Handoff admin may change this pause.`);
    }
    const [pause] = await pauses(app);
    expect(pause).toMatchObject({ status: 'active', paused_until: '2026-11-27T00:00:00.000Z' });
    // Only the warning itself was queued; no notice to marketing, no event.
    expect((await outbox(app)).slice(queued).map((r) => r.target)).toEqual([rep.id]);
  });

  it("refuses a stranger a marketer's brief: edit and archive, by command and by a submitted form", async () => {
    for (const sub of ['edit', 'archive']) {
      const res = await app.slack.command('/campaign', `${sub} owned`, { userId: stranger.id });
      expect(res.json.text).toBe(`Only its owner, <@${marketer.id}>, or a Handoff admin can ${sub} \`owned\`. Ask them, or an admin, to make the change.`);
    }
    // A form opened by its owner and submitted by someone else.
    const { view } = await openFormByCommand(app, marketer.id, 'edit owned');
    const res = await submitForm(app, stranger.id, view, { goal: 'Hijacked', owner: stranger.id });
    expect(Object.values(res.json.errors)).toEqual(['Only its owner or a Handoff admin can edit `owned`. Ask them, or an admin, to make the change.']);
    expect(await findCampaignByKey(app.handoff.deps.db, 'owned')).toMatchObject({ status: 'active', goal: 'The owner’s goal', owner_slack_id: marketer.id });
  });

  it('refuses everyone the digest on demand, naming how to set admins, and posts nothing', async () => {
    const before = (await outbox(app)).length;
    for (const words of ['digest', `digest <#${DIGEST}>`, 'digest <#CELSEWHERE1|all-company>']) {
      const res = await app.slack.command('/handoff', words, { userId: stranger.id });
      expect(res.json.text).toBe(digestRefusedText([]));
    }
    expect(digestRefusedText([])).toBe('Only Handoff admins, and none are set (whoever runs Handoff can set HANDOFF_ADMINS) can post the digest on demand. The weekly digest still goes out on its own.');
    expect((await outbox(app)).length).toBe(before);
  });

  it('refuses anyone releasing a held lead, and the lead stays held', async () => {
    clock.set('2026-11-23T17:30:00Z');
    await heldSummaryJob().run(app.handoff.deps);
    await outboxDrained(app.handoff.deps.db);
    const summary = app.standIn.messages(MARKETING_CHANNEL).find((m) => m.text?.startsWith('Held leads'))!;
    const before = app.standIn.callsTo('response_url').length;
    await app.slack.blockAction({ userId: marketer.id, actionId: ACTIONS.heldRelease, value: 'crm-held', channelId: MARKETING_CHANNEL, message: { type: 'message', ts: summary.ts, text: summary.text, blocks: summary.blocks } });
    const [answer] = (await app.standIn.waitFor('response_url', () => true, { count: before + 1 })).slice(before);
    expect(answer.args.text).toBe(RELEASE_NOT_ADMIN);
    expect((await app.handoff.deps.db.selectFrom('leads').select('status').where('id', '=', 'crm-held').executeTakeFirstOrThrow()).status).toBe('held');
  });

  it("refuses another rep's lead buttons", async () => {
    const lead = await deliveredLead(app);
    await app.slack.blockAction({ userId: stranger.id, actionId: ACTIONS.leadAccept, value: lead.id, channelId: lead.channel, messageTs: lead.ts });
    const [answer] = await app.standIn.waitFor('response_url', (c) => String(c.args.text).includes('lead'));
    expect(answer.args.text).toContain(`<@${rep.id}>`);
    expect((await app.handoff.deps.db.selectFrom('leads').select('status').where('id', '=', lead.id).executeTakeFirstOrThrow()).status).toBe('new');
  });

  it('shows nobody the admin part of the Home, and everyone how to set admins', async () => {
    for (const person of [stranger.id, marketer.id]) {
      const home = JSON.stringify(await openHome(app, person));
      expect(home).not.toContain('System health');
      expect(home).toContain(JSON.stringify(HOME_TEXT.noAdmins).slice(1, -1));
    }
  });
});

describe('with HANDOFF_ADMINS set', () => {
  let app: TestApp;
  beforeAll(async () => { ({ app } = await world({ HANDOFF_ADMINS: admin.id })); });
  afterAll(async () => { await app.stop(); });

  it('lets the admin release a pause, archive a brief and post the digest, and shows them health without the notice', async () => {
    expect(await hotlead(app, admin.id, 'release paused@customer.example')).toContain('Released the pause on Paula Paused');
    expect((await pauses(app))[0].status).not.toBe('active');
    await app.slack.command('/campaign', 'archive owned', { userId: admin.id });
    expect((await findCampaignByKey(app.handoff.deps.db, 'owned'))!.status).toBe('archived');
    const digest = await app.slack.command('/handoff', 'digest', { userId: admin.id });
    expect(digest.json.text).toContain(`<#${DIGEST}>`);
    const home = JSON.stringify(await openHome(app, admin.id));
    expect(home).toContain('System health');
    expect(home).not.toContain('No Handoff admins are set');
  });
});

describe('the start-up log', () => {
  it('says when nobody is an admin, what that leaves out and how to set it, and says nothing when admins are set', async () => {
    const standIn = await SlackStandIn.start();
    const dir = mkdtempSync(join(tmpdir(), 'handoff-admins-log-'));
    try {
      const logs: Record<string, string> = {};
      for (const admins of ['', admin.id]) {
        const port = await freePort();
        const child = spawnCli(['start'], {
          SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret-0000', SLACK_API_URL: standIn.url, MARKETING_CHANNEL: 'CMARKETING1',
          DATABASE_URL: `sqlite:${join(dir, 'handoff.db')}`, PORT: String(port), HANDOFF_ADMINS: admins,
        });
        const exited = collect(child, 20_000);
        await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status === 200, { timeoutMs: 15_000, what: 'the app to start' });
        child.kill('SIGTERM');
        logs[admins || 'unset'] = (await exited).stdout;
      }
      const warning = logs.unset.split('\n').find((l) => l.includes('HANDOFF_ADMINS is unset'));
      expect(JSON.parse(warning!)).toMatchObject({ level: 40, msg: NO_ADMINS_LOG });
      expect(logs[admin.id]).not.toContain('HANDOFF_ADMINS is unset');
    } finally {
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
