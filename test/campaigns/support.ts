import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { CAMPAIGN_BRIEF_BLOCKS as B, SHORTCUTS, VIEWS } from '../../src/views/ids.ts';
import type { TestApp } from '../support/harness.ts';

export type FormChanges = Partial<Record<keyof typeof B, string | null>>;

/**
 * What Slack sends back when a person submits the form: every input block of the view that
 * was opened, holding its initial value unless the person changed it.
 */
export function stateFromView(view: any, changes: FormChanges = {}): Record<string, Record<string, any>> {
  const values: Record<string, Record<string, any>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    const field = (Object.entries(B).find(([, id]) => id === block.block_id)?.[0] ?? '') as keyof typeof B;
    const changed = field in changes;
    const given = changes[field];
    const el = block.element;
    let cell: Record<string, any>;
    switch (el.type) {
      case 'plain_text_input':
        cell = { type: el.type, value: changed ? given : (el.initial_value ?? null) };
        break;
      case 'datepicker':
        cell = { type: el.type, selected_date: changed ? given : (el.initial_date ?? null) };
        break;
      case 'users_select':
        cell = { type: el.type, selected_user: changed ? given : (el.initial_user ?? null) };
        break;
      case 'static_select': {
        const option = changed ? (given ? el.options.find((o: any) => o.value === given) ?? { text: { type: 'plain_text', text: given }, value: given } : null) : (el.initial_option ?? null);
        cell = { type: el.type, selected_option: option };
        break;
      }
      default:
        throw new Error(`unexpected element ${el.type}`);
    }
    values[block.block_id] = { [el.action_id]: cell };
  }
  return values;
}

/** Runs a `/campaign` command that opens the form and returns the view Slack opened. */
export async function openFormByCommand(app: TestApp, userId: string, words = '') {
  const before = app.standIn.okCalls('views.open').length;
  const res = await app.slack.command('/campaign', words, { userId });
  expect(res.status).toBe(200);
  const calls = await app.standIn.waitFor('views.open', () => true, { count: before + 1 });
  const call = calls.at(-1)!;
  expect(call.args.trigger_id).toBe(res.sent.trigger_id);
  const view = app.standIn.views().filter((v) => v.callback_id === VIEWS.campaignBrief).at(-1);
  return { res, call, view };
}

export async function submitForm(app: TestApp, userId: string, view: any, changes: FormChanges = {}) {
  return app.slack.viewSubmission({ userId, callbackId: VIEWS.campaignBrief, viewId: view.id, values: stateFromView(view, changes) });
}

/** Opens the form with `/campaign`, fills it in and submits it. */
export async function createBriefInSlack(app: TestApp, userId: string, changes: FormChanges) {
  const { view } = await openFormByCommand(app, userId);
  const res = await submitForm(app, userId, view, changes);
  expect(res.json?.response_action, JSON.stringify(res.json)).toBe('update');
  return res;
}

/** The ephemeral answer a command sent through its response_url after acking. */
export async function laterAnswer(app: TestApp, containing: string): Promise<string> {
  const [call] = await app.standIn.waitFor('response_url', (c) => String(c.args.text).includes(containing));
  return String(call.args.text);
}

/** Slack's message_action payload for the "Save as campaign brief" shortcut. */
export async function messageShortcut(app: TestApp, userId: string, text: string) {
  const ts = `${Math.floor(Date.now() / 1000)}.000100`;
  const payload = {
    type: 'message_action',
    token: 'verification-token-deprecated',
    action_ts: (Date.now() / 1000).toFixed(6),
    team: { id: app.standIn.teamId, domain: 'handoff-demo' },
    user: { id: userId, username: 'someone', name: 'someone', team_id: app.standIn.teamId },
    channel: { id: 'C0HANDOFF1', name: 'marketing' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: SHORTCUTS.saveAsBrief,
    trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomBytes(16).toString('hex')}`,
    response_url: app.standIn.responseUrl(),
    message_ts: ts,
    message: { type: 'message', user: 'UMKT00001', ts, text },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await app.slack.raw(body, app.slack.signedHeaders(body, 'application/x-www-form-urlencoded'));
  return { res, payload };
}

/** Every text in a list of blocks, for asserting on what a person reads. */
export function blocksText(blocks: any[]): string {
  const out: string[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.text === 'string') out.push(node.text);
    for (const v of Object.values(node)) if (typeof v === 'object') walk(v);
  };
  walk(blocks);
  return out.join('\n');
}
