import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignature } from '../../src/standin/slack-sender.ts';
import { ALL_COMMANDS_HELP, CAMPAIGN_USAGE, HANDOFF_USAGE, HOTLEAD_USAGE } from '../../src/views/usage.ts';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app.stop(); });

const commandBody = 'token=x&team_id=T0HANDOFF&user_id=UREP00001&command=%2Fhandoff&text=help&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr&trigger_id=1.2.3';

describe('requests to /slack/events', () => {
  it('are refused with 401 when the signature headers are missing', async () => {
    const res = await app.slack.raw(commandBody, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(401);
  });

  it('are refused with 401 when the signature is forged', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await app.slack.raw(commandBody, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature('not-the-secret', ts, commandBody),
    });
    expect(res.status).toBe(401);
  });

  it('are refused with 401 when the timestamp is more than five minutes old, even if signed', async () => {
    const ts = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await app.slack.raw(commandBody, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(SIGNING_SECRET, ts, commandBody),
    });
    expect(res.status).toBe(401);
  });

  it('accept a correctly signed request', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await app.slack.raw(commandBody, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(SIGNING_SECRET, ts, commandBody),
    });
    expect(res.status).toBe(200);
  });

  it('answer the Events API url_verification handshake with the challenge', async () => {
    const res = await app.slack.urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });
});

describe('command help and usage', () => {
  it('/handoff help lists every command', async () => {
    const res = await app.slack.command('/handoff', 'help');
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(res.json.text).toBe(ALL_COMMANDS_HELP);
    for (const command of ['/campaign list', '/campaign show KEY', '/campaign edit KEY', '/campaign archive KEY', '/hotlead EMAIL', '/hotlead release EMAIL', '/hotlead list', '/handoff mql', '/handoff digest']) {
      expect(res.json.text).toContain(command);
    }
  });

  it('/handoff with no words shows the same help', async () => {
    const res = await app.slack.command('/handoff', '');
    expect(res.json.text).toBe(ALL_COMMANDS_HELP);
  });

  it.each([
    ['/handoff', 'frobnicate now', HANDOFF_USAGE],
    ['/handoff', 'mql please', HANDOFF_USAGE],
    ['/handoff', 'help me', HANDOFF_USAGE],
    ['/campaign', 'delete everything', CAMPAIGN_USAGE],
    ['/hotlead', 'please', HOTLEAD_USAGE],
  ])('%s with unknown words answers with its usage', async (command, words, usage) => {
    const res = await app.slack.command(command, words);
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(res.json.text).toContain(`\`${command} ${words}\` is not something I understand.`);
    expect(res.json.text).toContain(usage);
  });

  it('ask Slack who the bot is once in all, never once per request', async () => {
    for (let i = 0; i < 5; i++) expect((await app.slack.command('/handoff', 'help')).status).toBe(200);
    expect(app.standIn.callsTo('auth.test')).toHaveLength(1);
  });

  it.each([['/campaign', CAMPAIGN_USAGE], ['/hotlead', HOTLEAD_USAGE]])('%s help answers its usage', async (command, usage) => {
    const res = await app.slack.command(command, 'help');
    expect(res.json.text).toBe(usage);
  });
});

describe('requests no handler knows', () => {
  // A button or modal from an older version of Handoff, or a command added to the app by hand.
  it('are acked at once with nothing changed, never left to time out', async () => {
    const before = await app.handoff.deps.db.selectFrom('outbox').select('id').execute();
    const began = performance.now();
    const click = await app.slack.blockAction({ userId: 'UREP00001', actionId: 'retired_button', value: 'x' });
    expect(click.status).toBe(200);
    const modal = await app.slack.viewSubmission({ userId: 'UREP00001', callbackId: 'retired_modal', values: {} });
    expect(modal.status).toBe(200);
    expect(modal.text).toBe('');
    const command = await app.slack.command('/handof', 'help');
    expect(command.status).toBe(200);
    expect(command.json.text).toBe('Handoff does not answer /handof; try `/handoff help`.');
    expect(performance.now() - began).toBeLessThan(1000);
    expect(await app.handoff.deps.db.selectFrom('outbox').select('id').execute()).toEqual(before);
  });
});

describe('Slack event retries', () => {
  it('run the listener once for an event delivered twice with the same event_id', async () => {
    const before = app.standIn.callsTo('views.publish').length;
    const event = { type: 'app_home_opened', user: 'UREP00001', channel: 'D0REP0001', tab: 'home', event_ts: '1.1' };
    await app.slack.event(event, { eventId: 'Ev0RETRY01' });
    await app.standIn.waitFor('views.publish', undefined, { count: before + 1 });
    await app.slack.event(event, { eventId: 'Ev0RETRY01', retryNum: 1, retryReason: 'http_timeout' });
    await app.slack.event(event, { eventId: 'Ev0OTHER01' });
    await app.standIn.waitFor('views.publish', undefined, { count: before + 2 });
    expect(app.standIn.callsTo('views.publish').length).toBe(before + 2);
  });
});
