// Raw Slack request bodies for load tests: built once per request and signed with a fresh
// timestamp, so a run longer than Slack's five-minute window never sends a stale signature.

import { randomBytes } from 'node:crypto';
import { slackSignature } from '../../src/standin/slack-sender.ts';

export const FORM = 'application/x-www-form-urlencoded';

export interface RawRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

export function signedSlackRequest(body: string, secret: string, contentType = FORM): RawRequest {
  const ts = Math.floor(Date.now() / 1000);
  return {
    method: 'POST',
    path: '/slack/events',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(secret, ts, body) },
    body,
  };
}

let sequence = 0;
const triggerId = () => `${Date.now()}${++sequence}.${Math.floor(Math.random() * 1e9)}.${randomBytes(16).toString('hex')}`;

/** A slash command body as Slack sends it (same field set as the stand-in's SlackSender). */
export function commandBody(command: string, text: string, opts: { userId: string; channelId?: string; responseUrl: string; teamId?: string }): string {
  const channelId = opts.channelId ?? 'C0HANDOFF1';
  return new URLSearchParams({
    token: 'verification-token-deprecated',
    team_id: opts.teamId ?? 'T0HANDOFF',
    team_domain: 'handoff-demo',
    channel_id: channelId,
    channel_name: channelId.startsWith('D') ? 'directmessage' : 'handoff-leads',
    user_id: opts.userId,
    user_name: opts.userId.toLowerCase(),
    command,
    text,
    api_app_id: 'A0HANDOFF',
    is_enterprise_install: 'false',
    response_url: opts.responseUrl,
    trigger_id: triggerId(),
  }).toString();
}

export interface ClickTarget {
  channel: string;
  ts: string;
  blocks: any[];
  text?: string;
}

/** The block_actions body of a click on `actionId` in a posted message (its real block_id and value). */
export function blockActionBody(message: ClickTarget, actionId: string, opts: { userId: string; responseUrl: string; teamId?: string; botUserId?: string; botId?: string }): string {
  let block: any;
  let element: any;
  for (const b of message.blocks ?? []) {
    const candidates = [...(Array.isArray(b?.elements) ? b.elements : []), b?.accessory];
    element = candidates.find((el) => el?.action_id === actionId);
    if (element) { block = b; break; }
  }
  const teamId = opts.teamId ?? 'T0HANDOFF';
  const action: Record<string, any> = {
    action_id: actionId,
    block_id: block?.block_id ?? 'b',
    type: element?.type ?? 'button',
    action_ts: (Date.now() / 1000).toFixed(6),
  };
  if (element?.text) action.text = element.text;
  if (element?.value !== undefined) action.value = element.value;
  const payload = {
    type: 'block_actions',
    user: { id: opts.userId, username: opts.userId.toLowerCase(), name: opts.userId.toLowerCase(), team_id: teamId },
    api_app_id: 'A0HANDOFF',
    token: 'verification-token-deprecated',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: triggerId(),
    team: { id: teamId, domain: 'handoff-demo' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: 'directmessage' },
    message: { type: 'message', ts: message.ts, text: message.text ?? '', user: opts.botUserId ?? 'UBOT0001', bot_id: opts.botId ?? 'BBOT0001', blocks: message.blocks },
    state: { values: {} },
    response_url: opts.responseUrl,
    actions: [action],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
