import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { App, LogLevel } from '@slack/bolt';
import { SlackStandIn } from '../src/standin/slack-standin.ts';
import { SlackSender, slackSignature } from '../src/standin/slack-sender.ts';

const users = [
  { id: 'U0ALICE01', email: 'Alice@Example.com', name: 'alice', real_name: 'Alice Adams', tz: 'Europe/Berlin' },
  { id: 'U0BOB0001', email: 'bob@example.com', name: 'bob' },
];

function clientFor(standIn: SlackStandIn): WebClient {
  return new WebClient('xoxb-test', { slackApiUrl: standIn.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('SlackStandIn with a real WebClient', () => {
  let standIn: SlackStandIn;
  let client: WebClient;

  beforeAll(async () => {
    standIn = await SlackStandIn.start({ users, usergroups: { S0SALES01: ['U0ALICE01', 'U0BOB0001'] } });
    client = clientFor(standIn);
  });
  afterEach(() => standIn.reset());
  afterAll(() => standIn.close());

  it('answers auth.test with the bot identity Bolt needs', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: 'UBOT0001', bot_id: 'BBOT0001', team_id: 'T0HANDOFF', is_enterprise_install: false });
    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('stores a posted message and returns it from history, with metadata only when asked', async () => {
    const metadata = { event_type: 'lead_handoff', event_payload: { lead_id: 'L-1' } };
    const first = await client.chat.postMessage({ channel: 'C0SALES01', text: '[hot] Acme', blocks: [section('*Acme*')], metadata });
    const second = await client.chat.postMessage({ channel: 'C0SALES01', text: 'second' });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts!.replace('.', ''))).toBeGreaterThan(Number(first.ts!.replace('.', '')));
    expect(first.message).toMatchObject({ text: '[hot] Acme', bot_id: 'BBOT0001', user: 'UBOT0001' });

    const withMeta = await client.conversations.history({ channel: 'C0SALES01', include_all_metadata: true });
    expect(withMeta.messages!.map((m) => m.text)).toEqual(['second', '[hot] Acme']);
    expect(withMeta.messages![1].metadata).toEqual(metadata);
    expect(withMeta.messages![1].blocks).toEqual([section('*Acme*')]);

    const without = await client.conversations.history({ channel: 'C0SALES01' });
    expect(without.messages![1].metadata).toBeUndefined();
    const limited = await client.conversations.history({ channel: 'C0SALES01', limit: 1 });
    expect(limited).toMatchObject({ has_more: true, messages: [{ text: 'second' }] });
    const older = await client.conversations.history({ channel: 'C0SALES01', latest: second.ts });
    expect(older.messages!.map((m) => m.text)).toEqual(['[hot] Acme']);

    expect(standIn.messages('C0SALES01')).toHaveLength(2);
    expect(standIn.okCalls('chat.postMessage')[0].args.metadata).toEqual(metadata);
  });

  it('posts to a user id into that user’s DM, and conversations.open agrees on the id', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0BOB0001', text: 'hi' });
    const opened = await client.conversations.open({ users: 'U0BOB0001' });
    expect(posted.channel).toBe('D0BOB0001');
    expect(opened.channel!.id).toBe(standIn.dmChannelFor('U0BOB0001'));
    expect(standIn.messages('D0BOB0001')).toHaveLength(1);
  });

  it('updates a message in place and rejects unknown ones', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0SALES01', text: 'pending', blocks: [section('pending')] });
    const updated = await client.chat.update({ channel: 'C0SALES01', ts: ts!, text: 'claimed', blocks: [section('claimed by <@U0BOB0001>')] });
    expect(updated).toMatchObject({ ok: true, channel: 'C0SALES01', ts, text: 'claimed' });
    expect(standIn.messages('C0SALES01')).toEqual([
      expect.objectContaining({ ts, text: 'claimed', blocks: [section('claimed by <@U0BOB0001>')], updated: true }),
    ]);
    const err = await client.chat.update({ channel: 'C0SALES01', ts: '1.000001', text: 'x' }).catch((e) => e);
    expect(err.data.error).toBe('message_not_found');
  });

  it('fails the way Slack does for bad channels and empty messages', async () => {
    const notFound = await client.chat.postMessage({ channel: 'CNOTFOUND1', text: 'x' }).catch((e) => e);
    expect(notFound).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } });
    const noText = await client.chat.postMessage({ channel: 'C0SALES01', text: '' }).catch((e) => e);
    expect(noText.data.error).toBe('no_text');
    const unknown = await client.apiCall('chat.teleport', {}).catch((e) => e);
    expect(unknown.data.error).toBe('unknown_method');
  });

  it('looks users up by email case-insensitively, with Slack’s plural not-found error', async () => {
    const found = await client.users.lookupByEmail({ email: 'alice@EXAMPLE.com' });
    expect(found.user).toMatchObject({ id: 'U0ALICE01', real_name: 'Alice Adams', tz: 'Europe/Berlin', profile: { email: 'Alice@Example.com' } });
    const missing = await client.users.lookupByEmail({ email: 'nobody@example.com' }).catch((e) => e);
    expect(missing.data.error).toBe('users_not_found');
    const info = await client.users.info({ user: 'U0NOBODY1' }).catch((e) => e);
    expect(info.data.error).toBe('user_not_found');
    standIn.addUser({ id: 'U0CAROL01', email: 'carol@example.com' });
    expect((await client.users.info({ user: 'U0CAROL01' })).user!.name).toBe('carol');
  });

  it('lists usergroup members and rejects unknown groups', async () => {
    expect((await client.usergroups.users.list({ usergroup: 'S0SALES01' })).users).toEqual(['U0ALICE01', 'U0BOB0001']);
    const err = await client.usergroups.users.list({ usergroup: 'S0NOPE' }).catch((e) => e);
    expect(err.data.error).toBe('no_such_subteam');
  });

  it('surfaces a 429 as a rate-limited error carrying retryAfter', async () => {
    standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'rate_limited', retryAfterSec: 7 }, times: 1 });
    const err = await client.chat.postMessage({ channel: 'C0SALES01', text: 'x' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    expect(standIn.callsTo('chat.postMessage')[0]).toMatchObject({ status: 429, ok: false, error: 'ratelimited', fault: 'rate_limited' });
    // times: 1 is used up, so the next call goes through
    await client.chat.postMessage({ channel: 'C0SALES01', text: 'x' });
    expect(standIn.messages()).toHaveLength(1);
  });

  it('surfaces a 500 as an HTTP error, and a slack_error as a platform error', async () => {
    standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'http_error', status: 500 } });
    const err = await client.chat.postMessage({ channel: 'C0SALES01', text: 'x' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    expect(standIn.messages()).toHaveLength(0);

    standIn.clearFaults();
    standIn.addFault({ method: 'users.lookupByEmail', fault: { kind: 'slack_error', error: 'ratelimited' }, match: (a) => a.email === 'bob@example.com' });
    expect((await client.users.lookupByEmail({ email: 'alice@example.com' })).ok).toBe(true);
    const platform = await client.users.lookupByEmail({ email: 'bob@example.com' }).catch((e) => e);
    expect(platform).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'ratelimited' } });
  });

  it('drop_after_success really posts the message but the client sees a failed request', async () => {
    standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'drop_after_success' }, times: 1 });
    const err = await client.chat.postMessage({ channel: 'C0SALES01', text: 'lost ack' }).catch((e) => e);
    expect(err.code).toBe('slack_webapi_request_error');
    expect(standIn.messages('C0SALES01').map((m) => m.text)).toEqual(['lost ack']);
    expect(standIn.callsTo('chat.postMessage')[0]).toMatchObject({ ok: true, status: 0, fault: 'drop_after_success' });
  });

  it('delays answers when asked', async () => {
    standIn.addFault({ method: 'auth.test', fault: { kind: 'delay', ms: 150 }, times: 1 });
    const started = Date.now();
    await client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('enforces Block Kit limits with invalid_blocks / msg_too_long / invalid_arguments', async () => {
    const post = (args: Record<string, any>) => client.chat.postMessage({ channel: 'C0SALES01', text: 'x', ...args }).catch((e) => e.data);
    const button = (text: string) => ({ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text } }] });

    expect((await post({ blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).error).toBe('invalid_blocks');
    expect((await post({ blocks: Array.from({ length: 50 }, () => ({ type: 'divider' })) })).ok).toBe(true);
    const longSection = await post({ blocks: [section('a'.repeat(3001))] });
    expect(longSection.error).toBe('invalid_blocks');
    expect(longSection.response_metadata.messages[0]).toContain('/blocks/0/text/text');
    expect((await post({ blocks: [section('a'.repeat(3000))] })).ok).toBe(true);
    expect((await post({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] })).error).toBe('invalid_blocks');
    expect((await post({ blocks: [button('b'.repeat(76))] })).error).toBe('invalid_blocks');
    expect((await post({ blocks: [button('b'.repeat(75))] })).ok).toBe(true);
    expect((await post({ text: 't'.repeat(40_001) })).error).toBe('msg_too_long');

    const modal = (title: string) => ({ type: 'modal' as const, title: { type: 'plain_text' as const, text: title }, blocks: [] });
    const tooLong = await client.views.open({ trigger_id: 't-1', view: modal('x'.repeat(25)) }).catch((e) => e.data);
    expect(tooLong.error).toBe('invalid_arguments');
    const opened = await client.views.open({ trigger_id: 't-2', view: modal('Hand off a lead') });
    expect(opened.view!.id).toMatch(/^V/);
    const reused = await client.views.open({ trigger_id: 't-2', view: modal('Again') }).catch((e) => e.data);
    expect(reused.error).toBe('exchanged_trigger_id');
    const noTrigger = await client.apiCall('views.open', { view: modal('x') }).catch((e) => e.data);
    expect(noTrigger.error).toBe('invalid_arguments');
    const home = await client.views.publish({ user_id: 'U0BOB0001', view: { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) } }).catch((e) => e.data);
    expect(home.error).toBe('invalid_arguments');
    await client.views.publish({ user_id: 'U0BOB0001', view: { type: 'home', blocks: [section('Your leads')] } });
    expect(standIn.homeView('U0BOB0001').blocks).toEqual([section('Your leads')]);
  });

  it('paces chat.postMessage per channel when perChannelPerSec is set', async () => {
    const paced = await SlackStandIn.start({ perChannelPerSec: 10 });
    const c = clientFor(paced);
    try {
      await c.chat.postMessage({ channel: 'C0PACE001', text: '1' });
      const tooSoon = await c.chat.postMessage({ channel: 'C0PACE001', text: '2' }).catch((e) => e);
      expect(tooSoon).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
      await c.chat.postMessage({ channel: 'C0PACE002', text: 'other channel is fine' });
      await new Promise((r) => setTimeout(r, 120));
      await c.chat.postMessage({ channel: 'C0PACE001', text: '3' });
      expect(paced.messages('C0PACE001').map((m) => m.text)).toEqual(['1', '3']);
    } finally {
      await paced.close();
    }
  });

  it('random faults are repeatable for a given seed', async () => {
    const run = async () => {
      const s = await SlackStandIn.start({ randomFaults: { rate429: 0.3, rate5xx: 0.2, seed: 42 } });
      const c = clientFor(s);
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) {
        outcomes.push(await c.chat.postMessage({ channel: 'C0SOAK001', text: String(i) }).then(() => 'ok', (e) => e.code));
      }
      await c.auth.test().catch(() => undefined); // not on a lead's path: not subject to random faults
      expect(s.callsTo('auth.test')[0].fault).toBeUndefined();
      await s.close();
      return outcomes;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(new Set(first)).toEqual(new Set(['ok', 'slack_webapi_rate_limited_error', 'slack_webapi_http_error']));
  });

  it('records response_url posts the way Bolt’s respond() sends them', async () => {
    const url = standIn.responseUrl('cmd-1');
    expect(url).toBe(`${standIn.origin}/respond/cmd-1`);
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'Done', response_type: 'ephemeral' }) });
    expect(res.status).toBe(200);
    const [call] = await standIn.waitFor('response_url', (c) => c.args._id === 'cmd-1');
    expect(call.args).toEqual({ text: 'Done', response_type: 'ephemeral', _id: 'cmd-1' });
  });

  it('waitFor resolves on later calls and explains itself on timeout', async () => {
    const waiting = standIn.waitFor('chat.postMessage', (c) => c.args.channel === 'C0LATER01', { count: 2 });
    await client.chat.postMessage({ channel: 'C0LATER01', text: 'a' });
    await client.chat.postMessage({ channel: 'C0LATER01', text: 'b' });
    expect(await waiting).toHaveLength(2);
    await expect(standIn.waitFor('chat.update', undefined, { timeoutMs: 50 })).rejects.toThrow(/timed out.*\n.*chat\.postMessage/s);
  });
});

describe('slackSignature', () => {
  it('reproduces Slack’s worked example (slack-platform.md 1.2)', () => {
    const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body))
      .toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });
});

describe('SlackSender wire format', () => {
  const secret = 'test-signing-secret-0000';
  let server: http.Server;
  let received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  let sender: SlackSender;
  let standIn: SlackStandIn;

  beforeAll(async () => {
    standIn = await SlackStandIn.start({ users });
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"seen":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    sender = new SlackSender({ appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, signingSecret: secret, standIn });
  });
  afterEach(() => { received = []; });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await standIn.close();
  });
  const verify = (r: { headers: http.IncomingHttpHeaders; body: string }) =>
    expect(r.headers['x-slack-signature']).toBe(slackSignature(secret, Number(r.headers['x-slack-request-timestamp']), r.body));

  it('sends slash commands form-encoded with the exact content type and full field set', async () => {
    const res = await sender.command('/handoff', 'lead acme@example.com', { userId: 'U0ALICE01', channelId: 'C0SALES01' });
    expect(res).toMatchObject({ status: 200, json: { seen: true } });
    const [r] = received;
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Math.abs(Number(r.headers['x-slack-request-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    verify(r);
    expect(r.body).toContain('command=%2Fhandoff&text=lead+acme%40example.com');
    const fields = Object.fromEntries(new URLSearchParams(r.body));
    expect(Object.keys(fields)).toEqual(['token', 'team_id', 'team_domain', 'channel_id', 'channel_name', 'user_id', 'user_name', 'command', 'text', 'api_app_id', 'is_enterprise_install', 'response_url', 'trigger_id']);
    expect(fields).toMatchObject({ team_id: 'T0HANDOFF', user_name: 'alice', is_enterprise_install: 'false' });
    expect(fields.response_url.startsWith(`${standIn.origin}/respond/`)).toBe(true);
    await sender.command('/handoff', '');
    expect(new URLSearchParams(received[1].body).get('trigger_id')).not.toBe(fields.trigger_id);
  });

  it('sends block actions as a single payload field carrying the clicked element', async () => {
    const client = clientFor(standIn);
    const blocks = [section('Acme'), { type: 'actions', block_id: 'lead_L1', elements: [{ type: 'button', action_id: 'claim', text: { type: 'plain_text', text: 'Claim' }, value: 'L1' }] }];
    const { ts } = await client.chat.postMessage({ channel: 'C0SALES01', text: 'Acme', blocks });
    await sender.blockAction({ userId: 'U0BOB0001', actionId: 'claim', channelId: 'C0SALES01', messageTs: ts });
    const [r] = received;
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    verify(r);
    const form = new URLSearchParams(r.body);
    expect([...form.keys()]).toEqual(['payload']);
    const payload = JSON.parse(form.get('payload')!);
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB0001', username: 'bob' },
      container: { type: 'message', message_ts: ts, channel_id: 'C0SALES01' },
      channel: { id: 'C0SALES01' },
      message: { ts, blocks },
      actions: [{ action_id: 'claim', block_id: 'lead_L1', value: 'L1', type: 'button' }],
    });
    expect(payload.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);

    await sender.blockAction({ userId: 'U0BOB0001', actionId: 'refresh', view: { id: 'V123', type: 'home', blocks: [] } });
    const home = JSON.parse(new URLSearchParams(received[1].body).get('payload')!);
    expect(home.container).toEqual({ type: 'view', view_id: 'V123' });
    expect(home.message).toBeUndefined();
    expect(home.response_url).toBeUndefined();
  });

  it('sends view submissions echoing the opened view’s private_metadata', async () => {
    const client = clientFor(standIn);
    const { view } = await client.views.open({
      trigger_id: 'from-test',
      view: { type: 'modal', callback_id: 'handoff_lead', private_metadata: '{"lead":"L1"}', title: { type: 'plain_text', text: 'Hand off' }, submit: { type: 'plain_text', text: 'Send' }, blocks: [] },
    });
    const values = { note_block: { note: { type: 'plain_text_input', value: 'call today' } } };
    await sender.viewSubmission({ userId: 'U0ALICE01', callbackId: 'handoff_lead', values });
    const payload = JSON.parse(new URLSearchParams(received[0].body).get('payload')!);
    expect(payload).toMatchObject({
      type: 'view_submission',
      view: { id: view!.id, callback_id: 'handoff_lead', private_metadata: '{"lead":"L1"}', state: { values } },
      response_urls: [],
    });
  });

  it('sends events as JSON with retry headers, and url_verification', async () => {
    await sender.event({ type: 'app_home_opened', user: 'U0BOB0001', channel: 'D0BOB0001', tab: 'home' }, { eventId: 'Ev1', retryNum: 1 });
    const [r] = received;
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-slack-retry-num']).toBe('1');
    expect(r.headers['x-slack-retry-reason']).toBe('http_timeout');
    verify(r);
    expect(JSON.parse(r.body)).toMatchObject({ type: 'event_callback', event_id: 'Ev1', team_id: 'T0HANDOFF', event: { type: 'app_home_opened' } });

    await sender.urlVerification('abc');
    expect(JSON.parse(received[1].body)).toEqual({ token: expect.any(String), challenge: 'abc', type: 'url_verification' });
    expect(received[1].headers['x-slack-retry-num']).toBeUndefined();

    await sender.raw('{}', { 'Content-Type': 'application/json' });
    expect(received[2].headers['x-slack-signature']).toBeUndefined();
  });
});

describe('a real Bolt app between SlackSender and SlackStandIn', () => {
  it('verifies the signature, runs the command, and talks back through the stand-in', async () => {
    const standIn = await SlackStandIn.start();
    const app = new App({
      token: 'xoxb-test',
      signingSecret: 'bolt-secret',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: standIn.url, retryConfig: { retries: 0 } },
    });
    app.command('/handoff', async ({ ack, respond, client, command }) => {
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, text: `lead: ${command.text}` });
      await respond({ text: 'handed off' });
    });
    const server = (await app.start(0)) as http.Server;
    try {
      const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const sender = new SlackSender({ appUrl, signingSecret: 'bolt-secret', standIn });
      const res = await sender.command('/handoff', 'Acme Corp', { channelId: 'C0SALES01' });
      expect(res.status).toBe(200);
      await standIn.waitFor('response_url');
      expect(standIn.messages('C0SALES01').map((m) => m.text)).toEqual(['lead: Acme Corp']);
      expect(standIn.okCalls('response_url')[0].args.text).toBe('handed off');

      const forged = await new SlackSender({ appUrl, signingSecret: 'wrong-secret' }).command('/handoff', 'x');
      expect(forged.status).toBe(401);
      const stale = await sender.raw('command=%2Fhandoff', sender.signedHeaders('command=%2Fhandoff', 'application/x-www-form-urlencoded', Math.floor(Date.now() / 1000) - 600));
      expect(stale.status).toBe(401);
      const challenge = await sender.urlVerification('xyz');
      expect(challenge.json).toEqual({ challenge: 'xyz' });
    } finally {
      await app.stop();
      await standIn.close();
    }
  });
});
