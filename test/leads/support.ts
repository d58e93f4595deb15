import type { TestApp } from '../support/harness.ts';
import { PEOPLE } from '../support/harness.ts';
import { waitFor } from '../support/wait.ts';

let counter = 0;

/** A complete lead as a CRM would send it; override what the test is about. */
export function leadBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  counter += 1;
  return {
    id: `crm-${process.pid}-${counter}`,
    email: 'ada@analytical.example',
    name: 'Ada Lovelace',
    title: 'CTO',
    company: 'Analytical Engines',
    owner: { email: PEOPLE.rep.email },
    campaign: 'q4-ai-webinar',
    stage: 'consideration',
    score: 72,
    activities: [
      { type: 'registered', content: 'Q4 AI Readiness Webinar', url: 'https://example.com/webinar', at: '2026-11-18T09:00:00Z' },
      { type: 'downloaded', content: "AI Buyer's Guide", url: 'https://example.com/guide', at: '2026-11-20T10:00:00Z' },
    ],
    fields: { budget: 'approved', timeline: 'Q1' },
    ...overrides,
  };
}

/** Posts a campaign brief through the campaign intake, as marketing automation would. */
export async function seedCampaign(app: TestApp, key = 'q4-ai-webinar', assets = [
  { title: "AI Buyer's Guide", url: 'https://example.com/guide', kind: 'ebook' },
  { title: 'ROI Calculator', url: 'https://example.com/roi', kind: 'tool' },
]): Promise<{ id: number; assetIds: number[] }> {
  const res = await app.post('/webhooks/campaigns', {
    key,
    name: 'Q4 AI Readiness Webinar',
    goal: 'Book discovery calls with data leaders evaluating AI platforms',
    audience: 'VP Data and CTOs at 200-2000 employee companies',
    stage: 'consideration',
    offer: 'Free AI readiness assessment',
    key_messages: ['Ship models to production in weeks, not quarters'],
    talking_points: ['Ask which pilot stalled and why'],
    assets,
    starts_on: '2026-11-01',
    ends_on: '2026-12-15',
    owner: { slack_user_id: PEOPLE.marketer.id },
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`campaign intake answered ${res.status}: ${res.text}`);
  return { id: res.json.campaign.id, assetIds: res.json.campaign.assets.map((a: { id: number }) => a.id) };
}

export async function leadRow(app: TestApp, id: string) {
  return app.handoff.deps.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function outboxRows(app: TestApp) {
  return app.handoff.deps.db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

/** Polls until `check` returns a value (not undefined/false), or fails after the timeout. */
export function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  return waitFor(check, what, { timeoutMs }) as Promise<T>;
}

/** All the text a person reads in a message: its text and every text inside its blocks. */
export function readable(message: { text?: string; blocks?: any[] } | undefined): string {
  if (!message) return '';
  const texts: string[] = [message.text ?? ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(message.blocks ?? []);
  return texts.join('\n');
}

/** The ids of the buttons a message shows. */
export function buttonIds(message: { blocks?: any[] } | undefined): string[] {
  return (message?.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : []));
}

/** Sends a lead for an owner given by Slack id and waits until its DM is delivered. */
export async function deliveredLead(app: TestApp, overrides: Record<string, unknown> = {}) {
  const body = leadBody({ owner: { slack_user_id: PEOPLE.rep.id }, ...overrides });
  const res = await app.post('/webhooks/leads', body);
  if (res.status !== 202) throw new Error(`intake answered ${res.status}: ${res.text}`);
  const row = await eventually(async () => {
    const r = await leadRow(app, body.id);
    return r?.delivery === 'delivered' && r.dm_ts ? r : undefined;
  }, 8000, `lead ${body.id} to be delivered`);
  return { body, id: body.id, channel: row.dm_channel!, ts: row.dm_ts! };
}

/** The DM as it stands in the stand-in now (after any chat.update). */
export function dmMessage(app: TestApp, lead: { channel: string; ts: string }) {
  return app.standIn.messages(lead.channel).find((m) => m.ts === lead.ts);
}

/** The person opens Handoff's Home tab; resolves with the view published for it. */
export async function openHome(app: TestApp, userId: string): Promise<any> {
  const before = app.standIn.okCalls('views.publish').filter((c) => c.args.user_id === userId).length;
  await app.slack.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home', event_ts: '1.1' }, { eventId: `Ev${Math.random().toString(36).slice(2)}` });
  const calls = await app.standIn.waitFor('views.publish', (c) => c.args.user_id === userId, { count: before + 1 });
  return calls.at(-1)!.args.view;
}
