// What the benchmarks ask of a running Handoff, and how they tell whether a feature has landed.

import { PROCESS_SIGNING_SECRET, PROCESS_WEBHOOK_SECRET } from '../../test/support/handoff-process.ts';
import { leadBody, type LeadBodyOptions } from '../../test/support/lead-bodies.ts';
import type { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { commandBody, signedSlackRequest } from './slack-requests.ts';
import { inParallel } from './context.ts';

export async function postLead(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}/webhooks/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PROCESS_WEBHOOK_SECRET}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json };
}

/** Lead intake answers anything but 404 once the leads feature has landed. */
export async function intakeLanded(url: string): Promise<boolean> {
  const res = await fetch(`${url}/webhooks/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  await res.arrayBuffer();
  return res.status !== 404;
}

export async function postLeads(url: string, ids: string[], opts: (n: number) => LeadBodyOptions = () => ({}), concurrency = 16): Promise<number> {
  let accepted = 0;
  await inParallel(ids, concurrency, async (id, n) => {
    const res = await postLead(url, leadBody(id, opts(n)));
    if (res.status === 202) accepted++;
    else throw new Error(`lead ${id} got ${res.status}: ${JSON.stringify(res.json)}`);
  });
  return accepted;
}

export async function sendCommand(url: string, standIn: SlackStandIn, command: string, text: string, userId: string): Promise<{ status: number; json: any }> {
  const r = signedSlackRequest(commandBody(command, text, { userId, responseUrl: standIn.responseUrl() }), PROCESS_SIGNING_SECRET);
  const res = await fetch(`${url}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
  const raw = await res.text();
  let json: any;
  try { json = JSON.parse(raw); } catch { json = undefined; }
  return { status: res.status, json };
}

/** A command has landed when it no longer answers "is not something I understand". */
export async function commandLanded(url: string, standIn: SlackStandIn, command: string, text: string, userId: string): Promise<boolean> {
  const res = await sendCommand(url, standIn, command, text, userId);
  return res.status === 200 && !String(res.json?.text ?? '').includes('is not something I understand');
}

/** The lead DMs delivered to the stand-in that carry a button with `actionId`. */
export function messagesWithAction(standIn: SlackStandIn, actionId: string): Array<{ channel: string; ts: string; blocks: any[]; text?: string }> {
  return standIn.messages().filter((m) => JSON.stringify(m.blocks ?? []).includes(`"action_id":"${actionId}"`)) as any;
}
