// Sends requests to the app the way Slack does (slack-platform.md 1-2): signed v0 HMAC,
// slash commands and interactivity as form bodies with Bolt's exact content type, events as JSON.
// Payloads carry the full field set of the reference payloads so handlers are exercised against
// what Slack really sends, not a convenient subset.

import { createHmac, randomBytes } from 'node:crypto';
import type { SlackStandIn } from './slack-standin.ts';

// Bolt only form-parses on an exact match; '; charset=utf-8' would make it JSON.parse a form body.
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const TEAM_DOMAIN = 'handoff-demo';
const API_APP_ID = 'A0HANDOFF';
const VERIFICATION_TOKEN = 'verification-token-deprecated';

export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SentResponse {
  status: number;
  text: string;
  json: any;
  headers: Headers;
  /** the payload that was sent (form fields for commands, the decoded JSON otherwise) */
  sent: Record<string, any>;
}

export interface BlockActionOptions {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  channelId?: string;
  messageTs?: string;
  message?: any;
  view?: any;
  triggerId?: string;
  container?: any;
}

export interface ViewSubmissionOptions {
  userId: string;
  callbackId: string;
  values: Record<string, Record<string, any>>;
  privateMetadata?: string;
  viewId?: string;
}

let sequence = 0;

/** Same shape as Slack's trigger ids ('13345224609.738474920.8088930838d88f008e0'), unique per request. */
function triggerId(): string {
  sequence += 1;
  return `${Date.now()}${sequence}.${Math.floor(Math.random() * 1e9)}.${randomBytes(16).toString('hex')}`;
}

function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

function channelName(channelId: string): string {
  if (channelId.startsWith('D')) return 'directmessage';
  if (channelId.startsWith('G')) return 'privategroup';
  return 'handoff-leads';
}

/** Finds the element a user would have clicked, so the payload carries its real block_id/value. */
function findElement(blocks: any[] | undefined, actionId: string): { block: any; element: any } | undefined {
  for (const block of blocks ?? []) {
    const candidates = [...(Array.isArray(block?.elements) ? block.elements : []), block?.accessory, block?.element];
    const element = candidates.find((el) => el && el.action_id === actionId);
    if (element) return { block, element };
  }
  return undefined;
}

export class SlackSender {
  private readonly appUrl: string;
  private readonly signingSecret: string;
  private readonly standIn?: SlackStandIn;
  private readonly teamId: string;
  private readonly path: string;
  private readonly settled: () => Promise<void>;

  /**
   * `settled`: resolves once the app has finished the work a request started after its ack. Tests
   * of one app pass it, so what they read next is what the person sees once the click is done,
   * on PostgreSQL (where that work is truly asynchronous) as on SQLite.
   */
  constructor(opts: { appUrl: string; signingSecret: string; standIn?: SlackStandIn; teamId?: string; path?: string; settled?: () => Promise<void> }) {
    this.appUrl = opts.appUrl.replace(/\/$/, '');
    this.signingSecret = opts.signingSecret;
    this.standIn = opts.standIn;
    this.teamId = opts.teamId ?? opts.standIn?.teamId ?? 'T0HANDOFF';
    this.path = opts.path ?? '/slack/events';
    this.settled = opts.settled ?? (() => Promise.resolve());
  }

  signedHeaders(rawBody: string, contentType: string, timestamp: number = Math.floor(Date.now() / 1000)): Record<string, string> {
    return {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': slackSignature(this.signingSecret, timestamp, rawBody),
    };
  }

  command(command: string, text: string, opts: { userId?: string; userName?: string; channelId?: string; triggerId?: string } = {}): Promise<SentResponse> {
    const userId = opts.userId ?? 'U0SENDER1';
    const channelId = opts.channelId ?? 'C0HANDOFF1';
    const fields: Record<string, string> = {
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      team_domain: TEAM_DOMAIN,
      channel_id: channelId,
      channel_name: channelName(channelId),
      user_id: userId,
      user_name: opts.userName ?? this.userName(userId),
      command,
      text,
      api_app_id: API_APP_ID,
      is_enterprise_install: 'false',
      response_url: this.responseUrl('commands'),
      trigger_id: opts.triggerId ?? triggerId(),
    };
    // URLSearchParams encodes like Slack: '/' as %2F, space as '+'.
    return this.post(new URLSearchParams(fields).toString(), FORM, fields);
  }

  blockAction(opts: BlockActionOptions): Promise<SentResponse> {
    const inView = opts.view !== undefined;
    const channelId = opts.channelId ?? 'C0HANDOFF1';
    const messageTs = opts.messageTs ?? opts.message?.ts;
    const message = inView ? undefined : (opts.message ?? this.storedMessage(channelId, messageTs));
    const found = findElement(inView ? opts.view?.blocks : message?.blocks, opts.actionId);
    const element = found?.element;

    const action: Record<string, any> = {
      action_id: opts.actionId,
      block_id: opts.blockId ?? found?.block?.block_id ?? randomBytes(3).toString('base64url'),
      type: element?.type ?? 'button',
      action_ts: actionTs(),
    };
    if (element?.text) action.text = element.text;
    if (element?.style) action.style = element.style;
    const value = opts.value ?? element?.value;
    const options: any[] | undefined = element?.options ?? element?.option_groups?.flatMap((g: any) => g.options ?? []);
    if (options && value !== undefined) {
      action.selected_option = options.find((o) => o.value === value) ?? { text: { type: 'plain_text', text: value }, value };
    } else if (value !== undefined) {
      action.value = value;
    }

    const payload: Record<string, any> = {
      type: 'block_actions',
      user: this.userJson(opts.userId),
      api_app_id: API_APP_ID,
      token: VERIFICATION_TOKEN,
      container: opts.container ?? (inView
        ? { type: 'view', view_id: opts.view?.id }
        : { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false }),
      trigger_id: opts.triggerId ?? triggerId(),
      team: { id: this.teamId, domain: TEAM_DOMAIN },
      enterprise: null,
      is_enterprise_install: false,
    };
    if (inView) {
      payload.view = opts.view;
    } else {
      payload.channel = { id: channelId, name: channelName(channelId) };
      payload.message = message ?? {
        type: 'message', ts: messageTs, text: '', user: this.standIn?.botUserId ?? 'UBOT0001', bot_id: this.standIn?.botId ?? 'BBOT0001',
      };
    }
    payload.state = { values: {} };
    // Home tab and modal actions come without a response_url.
    if (!inView) payload.response_url = this.responseUrl('actions');
    payload.actions = [action];
    return this.interactive(payload);
  }

  viewSubmission(opts: ViewSubmissionOptions): Promise<SentResponse> {
    // Slack echoes back the view the app opened, including its private_metadata; reuse it when known.
    const known = opts.viewId
      ? this.standIn?.view(opts.viewId)
      : this.standIn?.views().filter((v) => v.callback_id === opts.callbackId).at(-1);
    const viewId = opts.viewId ?? known?.id ?? `V${randomBytes(5).toString('hex').toUpperCase()}`;
    const payload = {
      type: 'view_submission',
      team: { id: this.teamId, domain: TEAM_DOMAIN },
      user: this.userJson(opts.userId),
      api_app_id: API_APP_ID,
      token: VERIFICATION_TOKEN,
      trigger_id: triggerId(),
      enterprise: null,
      is_enterprise_install: false,
      view: {
        id: viewId,
        team_id: this.teamId,
        type: 'modal',
        blocks: known?.blocks ?? [],
        private_metadata: opts.privateMetadata ?? known?.private_metadata ?? '',
        callback_id: opts.callbackId,
        state: { values: opts.values },
        hash: known?.hash ?? `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
        title: known?.title ?? { type: 'plain_text', text: 'Handoff', emoji: true },
        clear_on_close: known?.clear_on_close ?? false,
        notify_on_close: known?.notify_on_close ?? false,
        close: known?.close ?? null,
        submit: known?.submit ?? { type: 'plain_text', text: 'Submit', emoji: true },
        previous_view_id: known?.previous_view_id ?? null,
        root_view_id: known?.root_view_id ?? viewId,
        app_id: API_APP_ID,
        external_id: known?.external_id ?? '',
        app_installed_team_id: this.teamId,
        bot_id: this.standIn?.botId ?? 'BBOT0001',
      },
      response_urls: [],
    };
    return this.interactive(payload);
  }

  event(event: Record<string, any>, opts: { eventId?: string; retryNum?: number; retryReason?: string } = {}): Promise<SentResponse> {
    const now = Date.now();
    const body = {
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      api_app_id: API_APP_ID,
      event: { event_ts: actionTs(), ...event },
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev${now.toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`,
      event_time: Math.floor(now / 1000),
      authorizations: [{
        enterprise_id: null, team_id: this.teamId, user_id: this.standIn?.botUserId ?? 'UBOT0001', is_bot: true, is_enterprise_install: false,
      }],
      is_ext_shared_channel: false,
      event_context: `EC${randomBytes(6).toString('hex').toUpperCase()}`,
    };
    const extra: Record<string, string> = {};
    if (opts.retryNum !== undefined) {
      extra['X-Slack-Retry-Num'] = String(opts.retryNum);
      extra['X-Slack-Retry-Reason'] = opts.retryReason ?? 'http_timeout';
    }
    return this.post(JSON.stringify(body), JSON_TYPE, body, extra);
  }

  urlVerification(challenge: string): Promise<SentResponse> {
    const body = { token: VERIFICATION_TOKEN, challenge, type: 'url_verification' };
    return this.post(JSON.stringify(body), JSON_TYPE, body);
  }

  async raw(body: string, headers: Record<string, string>): Promise<SentResponse> {
    const res = await fetch(`${this.appUrl}${this.path}`, { method: 'POST', headers, body, redirect: 'manual' });
    const sent = await toSent(res, { raw: body });
    await this.settled();
    return sent;
  }

  private interactive(payload: Record<string, any>): Promise<SentResponse> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, payload);
  }

  private async post(rawBody: string, contentType: string, sent: Record<string, any>, extra: Record<string, string> = {}): Promise<SentResponse> {
    const res = await fetch(`${this.appUrl}${this.path}`, {
      method: 'POST',
      headers: { ...this.signedHeaders(rawBody, contentType), ...extra },
      body: rawBody,
      redirect: 'manual',
    });
    const answer = await toSent(res, sent);
    await this.settled();
    return answer;
  }

  private responseUrl(kind: 'commands' | 'actions'): string {
    if (this.standIn) return this.standIn.responseUrl();
    return `https://hooks.slack.com/${kind}/${this.teamId}/${Date.now()}/${randomBytes(12).toString('base64url')}`;
  }

  private storedMessage(channelId: string, ts: string | undefined): any {
    const m = ts ? this.standIn?.messages(channelId).find((x) => x.ts === ts) : undefined;
    if (!m) return undefined;
    const out: Record<string, any> = { type: 'message', ts: m.ts, text: m.text ?? '', user: m.user, bot_id: m.bot_id, app_id: API_APP_ID, team: this.teamId };
    if (m.blocks) out.blocks = m.blocks;
    if (m.thread_ts) out.thread_ts = m.thread_ts;
    return out;
  }

  private userName(userId: string): string {
    const u = this.standIn?.user(userId);
    return u?.name ?? u?.email.split('@')[0] ?? userId.toLowerCase();
  }

  private userJson(userId: string): Record<string, string> {
    const name = this.userName(userId);
    return { id: userId, username: name, name, team_id: this.teamId };
  }
}

async function toSent(res: Response, sent: Record<string, any>): Promise<SentResponse> {
  const text = await res.text();
  let json: any;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, text, json, headers: res.headers, sent };
}
