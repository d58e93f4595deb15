// The demo's world: the built-in Slack stand-in with a few people, and the REAL app started
// in-process against it with a temporary SQLite file. Requests reach the app over HTTP,
// signed like Slack's (SlackSender) or carrying the intake secret, so every step runs the
// same code a workspace would.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ManualClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { startHandoff, type RunningHandoff } from '../main.ts';
import { SlackSender } from '../standin/slack-sender.ts';
import { SlackStandIn } from '../standin/slack-standin.ts';
import type { NameLookup } from './render/mrkdwn.ts';
import { HubSpotStandIn } from '../standin/hubspot-standin.ts';

export const PEOPLE = {
  marketer: { id: 'UMKT00001', email: 'morgan@yourco.example', real_name: 'Morgan Marketer', name: 'morgan' },
  rep: { id: 'UREP00001', email: 'riley@yourco.example', real_name: 'Riley Rep', name: 'riley' },
  admin: { id: 'UADM00001', email: 'avery@yourco.example', real_name: 'Avery Admin', name: 'avery', is_admin: true },
} as const;

export type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

export const CHANNELS = {
  marketing: 'CMARKETING',
  sales: 'CSALESTEAM',
  digest: 'CREVENUE01',
} as const;

const CHANNEL_NAMES: Record<string, string> = {
  [CHANNELS.marketing]: 'marketing',
  [CHANNELS.sales]: 'sales',
  [CHANNELS.digest]: 'revenue-team',
};

const USERGROUPS = { marketing: 'SMARKETING', sales: 'SSALESTEAM' } as const;

// The lead definition both teams agreed, as an operator would write it (MQL_RULES).
const MQL_RULES_YAML = `# What sales and marketing agreed a qualified lead is.
min_score: 40
required: [company, title]
exclude_email_domains: [gmail.com, yahoo.com, hotmail.com]
`;

const HUBSPOT_DEMO_TOKEN = 'pat-na1-handoff-demo-token';
/** Riley's owner id in HubSpot. */
export const HUBSPOT_OWNER_ID = '31337';

/** Monday morning: the story's clock starts here and moves only when a step moves it. */
export const STORY_START = '2026-11-23T09:30:00Z';

export interface HttpAnswer { status: number; json: any; text: string }

export interface DemoWorld {
  handoff: RunningHandoff;
  standIn: SlackStandIn;
  /** The CRM the story's leads come from, whose records show the reps' answers. */
  hubspot: HubSpotStandIn;
  slack: SlackSender;
  clock: ManualClock;
  names: NameLookup;
  /** POST JSON to an intake route with the webhook secret. */
  intake(path: string, body: unknown): Promise<HttpAnswer>;
  /** GET from the read API with the API token. */
  api(path: string): Promise<HttpAnswer>;
  /** What the app logged at warn and above; shown when a step fails. */
  logTail(lines?: number): string[];
  stop(): Promise<void>;
}

function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      if (lines.length > 200) lines.splice(0, lines.length - 200);
      done();
    },
  });
  return { lines, stream };
}

async function request(url: string, init: RequestInit): Promise<HttpAnswer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

export async function startDemoWorld(): Promise<DemoWorld> {
  const standIn = await SlackStandIn.start({
    users: Object.values(PEOPLE),
    usergroups: { [USERGROUPS.marketing]: [PEOPLE.marketer.id], [USERGROUPS.sales]: [PEOPLE.rep.id] },
  });
  const hubspot = await HubSpotStandIn.start({ token: HUBSPOT_DEMO_TOKEN, owners: [{ id: HUBSPOT_OWNER_ID, email: PEOPLE.rep.email, firstName: 'Riley', lastName: 'Rep' }] });
  const dir = mkdtempSync(join(tmpdir(), 'handoff-demo-'));
  const signingSecret = randomBytes(16).toString('hex');
  const webhookSecret = randomBytes(24).toString('hex');
  const apiToken = randomBytes(24).toString('hex');
  const clock = new ManualClock(STORY_START);
  const log = memoryLog();
  const mqlRules = join(dir, 'mql-rules.yml');
  writeFileSync(mqlRules, MQL_RULES_YAML);

  let handoff: RunningHandoff;
  try {
    handoff = await startHandoff({
      demo: true,
      clock,
      host: '127.0.0.1',
      // The demo drives the jobs itself, at the moments the story needs them.
      scheduler: false,
      logger: createLogger('warn', log.stream),
      env: {
        SLACK_BOT_TOKEN: 'xoxb-handoff-demo',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: standIn.url,
        PORT: '0',
        DATABASE_URL: `sqlite:${join(dir, 'handoff-demo.db')}`,
        HANDOFF_WEBHOOK_SECRET: webhookSecret,
        HANDOFF_API_TOKEN: apiToken,
        MARKETING_CHANNEL: CHANNELS.marketing,
        SALES_CHANNEL: CHANNELS.sales,
        DIGEST_CHANNELS: CHANNELS.digest,
        MARKETING_USERGROUP: USERGROUPS.marketing,
        SALES_USERGROUP: USERGROUPS.sales,
        HANDOFF_ADMINS: PEOPLE.admin.id,
        MQL_RULES: mqlRules,
        HUBSPOT_TOKEN: HUBSPOT_DEMO_TOKEN,
        HUBSPOT_API_URL: hubspot.url,
        TZ: 'UTC',
        LOG_LEVEL: 'silent',
      },
    });
  } catch (error) {
    await standIn.close();
    await hubspot.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const slack = new SlackSender({ appUrl: handoff.url, signingSecret, standIn });
  const users: Record<string, string> = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.id, p.real_name]));
  users[standIn.botUserId] = 'Handoff';

  let stopped: Promise<void> | undefined;
  return {
    handoff,
    standIn,
    hubspot,
    slack,
    clock,
    names: { users, channels: CHANNEL_NAMES },
    intake: (path, body) => request(handoff.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookSecret}` },
      body: JSON.stringify(body),
    }),
    api: (path) => request(handoff.url + path, { headers: { authorization: `Bearer ${apiToken}` } }),
    logTail: (n = 10) => log.lines.slice(-n),
    stop() {
      stopped ??= (async () => {
        try {
          await handoff.stop();
        } finally {
          await standIn.close();
          await hubspot.close();
          rmSync(dir, { recursive: true, force: true });
        }
      })();
      return stopped;
    },
  };
}

/** "#marketing", "DM to Riley Rep": where a Slack channel id is, in words. */
export function placeName(channel: string, names: NameLookup): string {
  if (/^[UW]/.test(channel)) return `DM to ${names.users?.[channel] ?? channel}`;
  if (channel.startsWith('D')) {
    const user = `U${channel.slice(1)}`;
    return `DM to ${names.users?.[user] ?? user}`;
  }
  return `#${names.channels?.[channel] ?? channel}`;
}
