import { parseDatabaseUrl, type DatabaseTarget } from './db/handle.ts';
import { z } from 'zod';
import dotenv from 'dotenv';
import cron from 'node-cron';
import { CRM_ANSWERS, HUBSPOT_STATUS_DEFAULTS, SALESFORCE_STATUS_DEFAULTS, type CrmAnswer } from './domain/crm/answers.ts';
import { EVENT_TYPES, parseEventFilter, type EventType } from './domain/events/catalogue.ts';
import { recordUrlTemplateProblem } from './domain/leads/record-url.ts';
import { parseStageMap, type BuyingStage } from './domain/leads/stages.ts';
import { parseSla, type SlaByStage } from './domain/sla.ts';
import { HandoffError } from './errors.ts';

// The one reader of process.env: everything else receives the parsed Config.

const channelId = z
  .string()
  .trim()
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel ID such as C0123ABCD');

const usergroupId = z
  .string()
  .trim()
  .regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group ID such as S0123ABCD');

const userIdList = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must list Slack user IDs such as U0123ABCD, comma-separated')));

const channelList = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(channelId));

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes. */
function outboundSecretProblem(secret: string): string | undefined {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  const bytes = m ? Buffer.from(m[1], 'base64').length : 0;
  return bytes >= 24 && bytes <= 64 ? undefined : 'must be whsec_ followed by the base64 of 24 to 64 random bytes (`handoff init` makes one: whsec_$(openssl rand -base64 32))';
}

const outboundSecrets = z
  .string()
  .transform((s) => s.split(/\s+/).filter(Boolean))
  .superRefine((secrets, ctx) => {
    if (secrets.length === 0 || secrets.length > 2) ctx.addIssue({ code: 'custom', message: 'must be one secret, or two separated by a space while rotating' });
    for (const s of secrets) {
      const problem = outboundSecretProblem(s);
      if (problem) return void ctx.addIssue({ code: 'custom', message: problem });
    }
  });

/** `accepted=IN_PROGRESS,hot=IN_PROGRESS,rejected=UNQUALIFIED`: a rep's answer → the CRM's status value. */
function answerMap(what: string) {
  return z.string().transform((s, ctx) => {
    const map: Partial<Record<CrmAnswer, string>> = {};
    for (const pair of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const eq = pair.indexOf('=');
      const answer = eq > 0 ? pair.slice(0, eq).trim().toLowerCase() : '';
      const value = eq > 0 ? pair.slice(eq + 1).trim() : '';
      if (!CRM_ANSWERS.includes(answer as CrmAnswer) || !value) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not answer=${what}; write e.g. accepted=…,hot=…,rejected=… (answers: ${CRM_ANSWERS.join(', ')})` });
        return z.NEVER;
      }
      map[answer as CrmAnswer] = value;
    }
    return map;
  });
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

// node-cron runs it, so node-cron says whether it is valid ("99 9 * * 1" has 5 fields but no minute 99).
const cronExpression = z.string().trim().refine(
  (s) => {
    const fields = s.split(/\s+/).length;
    try {
      return (fields === 5 || fields === 6) && cron.validate(s);
    } catch {
      return false;
    }
  },
  'must be a cron expression with 5 fields, such as "0 9 * * 1" (minute hour day-of-month month day-of-week)',
);

const timeZone = z.string().trim().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as UTC or Europe/Paris');

const envSchema = z.object({
  SLACK_BOT_TOKEN: optional(z.string().trim().regex(/^xoxb-/, 'must be a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'looks too short for a signing secret')),
  SLACK_APP_TOKEN: optional(z.string().trim().regex(/^xapp-/, 'must be an app-level token starting with xapp-')),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:4000/api/' })),
  PORT: z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int('must be a port number from 0 to 65535').min(0, 'must be a port number from 0 to 65535').max(65535, 'must be a port number from 0 to 65535').default(3000),
  DATABASE_URL: z
    .string()
    .trim()
    .default('sqlite:./data/handoff.db')
    .refine(
      (s) => (s.startsWith('sqlite:') && s.length > 'sqlite:'.length) || /^postgres(ql)?:\/\/[^/]/.test(s),
      'must be sqlite:PATH or postgres://user:password@host:5432/database',
    ),
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number of connections from 1 to 100' }).int('must be a whole number').min(1, 'must be from 1 to 100').max(100, 'must be from 1 to 100').default(10),
  HANDOFF_WEBHOOK_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
  HANDOFF_API_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  MARKETING_CHANNEL: optional(channelId),
  SALES_CHANNEL: optional(channelId),
  DIGEST_CHANNELS: optional(channelList),
  DIGEST_CRON: cronExpression.default('0 9 * * 1'),
  TZ: timeZone.default('UTC'),
  LEAD_SLA: z
    .string()
    .default('decision=1h,consideration=24h,awareness=72h,default=24h')
    .transform((s, ctx) => {
      const parsed = parseSla(s);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  MQL_RULES: optional(z.string().trim()),
  ROUTING: optional(z.string().trim()),
  HOTLEAD_DEFAULT_DAYS: z.coerce.number({ error: 'must be a number of days from 1 to 365' }).int('must be a whole number of days').min(1, 'must be from 1 to 365 days').max(365, 'must be from 1 to 365 days').default(30),
  HANDOFF_OUTBOUND_WEBHOOK_URL: optional(z
    .string()
    .transform((s) => [...new Set(s.split(',').map((p) => p.trim()).filter(Boolean))])
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be http(s) URLs, comma-separated' })).min(1, 'must name at least one URL').max(10, 'takes at most 10 URLs'))),
  HANDOFF_OUTBOUND_EVENTS: optional(z.string().transform((s, ctx) => {
    const parsed = parseEventFilter(s);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  })),
  HANDOFF_OUTBOUND_SECRET: optional(outboundSecrets),
  MARKETING_USERGROUP: optional(usergroupId),
  SALES_USERGROUP: optional(usergroupId),
  HANDOFF_ADMINS: optional(userIdList),
  STAGE_MAP: optional(z.string().transform((s, ctx) => {
    const parsed = parseStageMap(s);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: `${parsed}; write crm_value=stage, e.g. "evaluating=consideration,demo booked=decision"` });
      return z.NEVER;
    }
    return parsed;
  })),
  CRM_RECORD_URL: optional(z.string().trim().superRefine((s, ctx) => {
    const problem = recordUrlTemplateProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })),
  HUBSPOT_TOKEN: optional(z.string().trim().min(10, 'must be a HubSpot private app access token (pat-…)')),
  HUBSPOT_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://api.hubapi.com'),
  HUBSPOT_STATUS_MAP: optional(answerMap('hs_lead_status')),
  SALESFORCE_INSTANCE_URL: optional(z.url({ protocol: /^https?$/, error: 'must be your org\'s My Domain URL, e.g. https://yourco.my.salesforce.com' })),
  SALESFORCE_CLIENT_ID: optional(z.string().trim().min(1)),
  SALESFORCE_CLIENT_SECRET: optional(z.string().trim().min(1)),
  SALESFORCE_ORG_ID: optional(z.string().trim().regex(/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, 'must be a Salesforce organization ID (00D…, 15 or 18 characters)')),
  SALESFORCE_STATUS_MAP: optional(answerMap('Lead Status')),
  RETENTION_DAYS: z.coerce.number({ error: 'must be a number of days from 7 to 3650' }).int('must be a whole number of days').min(7, 'must be from 7 to 3650 days').max(3650, 'must be from 7 to 3650 days').default(90),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    socketMode: boolean;
  };
  port: number;
  /** DATABASE_URL: an SQLite file, or a PostgreSQL database shared by every replica. */
  database: DatabaseTarget;
  webhookSecret: string | undefined;
  apiToken: string | undefined;
  marketingChannel: string | undefined;
  salesChannel: string | undefined;
  digestChannels: string[];
  digestCron: string;
  timeZone: string;
  leadSla: SlaByStage;
  mqlRulesPath: string | undefined;
  /** ROUTING: path of the pools file. */
  routingPath: string | undefined;
  hotleadDefaultDays: number;
  /** HANDOFF_OUTBOUND_WEBHOOK_URL: where lead events go, each URL getting each event once. */
  outboundWebhookUrls: string[];
  /** HANDOFF_OUTBOUND_EVENTS: the event types sent (all by default). */
  outboundEvents: EventType[];
  /** Standard Webhooks secrets (whsec_…): one, or two while rotating; events carry a signature for each. */
  outboundSecrets: string[];
  marketingUsergroup: string | undefined;
  salesUsergroup: string | undefined;
  admins: string[];
  /** STAGE_MAP: folded CRM stage word → buying stage, on top of the built-in map. */
  stageMap: Record<string, BuyingStage>;
  /** CRM_RECORD_URL: template of a lead's CRM page ({id}, {fields.NAME}). */
  crmRecordUrl: string | undefined;
  /** The HubSpot connector: on with a token (intake's owner lookup, and answers written back). */
  hubspot: { token: string; apiUrl: string; statusMap: Record<CrmAnswer, string> } | undefined;
  /** The Salesforce connector: on with the instance URL and the connected app's credentials. */
  salesforce: { instanceUrl: string; clientId: string; clientSecret: string; orgId: string | undefined; statusMap: Record<CrmAnswer, string> } | undefined;
  /** RETENTION_DAYS: how long sent and given-up outbox rows are kept. */
  retentionDays: number;
  logLevel: string;
  demo: boolean;
}

export class ConfigError extends HandoffError {
  constructor(readonly problems: string[]) {
    super('config', `Handoff cannot start: the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface LoadOptions {
  /** The demo runs against the built-in stand-in, so Slack credentials are optional there. */
  demo?: boolean;
}

/** Parses the environment; throws one ConfigError naming every wrong variable (never its value). */
export function loadConfig(env: Record<string, string | undefined>, options: LoadOptions = {}): Config {
  // An empty variable (FOO= in .env) means unset, so its default applies.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(given);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
    }
  }
  if (!options.demo) {
    const missing = (name: string) => given[name] === undefined;
    if (missing('SLACK_BOT_TOKEN')) problems.push('SLACK_BOT_TOKEN: required (the bot token, xoxb-…); run `npm run demo` to try Handoff without Slack');
    if (missing('SLACK_APP_TOKEN') && missing('SLACK_SIGNING_SECRET')) problems.push('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    if (missing('MARKETING_CHANNEL')) problems.push('MARKETING_CHANNEL: required (the channel ID for pause-email and lead notices)');
  }
  // Events are signed with their own secret; without it every one would wait forever unsent.
  if (given.HANDOFF_OUTBOUND_WEBHOOK_URL !== undefined && given.HANDOFF_OUTBOUND_SECRET === undefined) {
    problems.push('HANDOFF_OUTBOUND_SECRET: required with HANDOFF_OUTBOUND_WEBHOOK_URL, to sign the events sent there (whsec_$(openssl rand -base64 32))');
  }
  const salesforceParts = ['SALESFORCE_INSTANCE_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET'];
  const salesforceGiven = salesforceParts.filter((name) => given[name] !== undefined);
  if (salesforceGiven.length > 0 && salesforceGiven.length < salesforceParts.length) {
    for (const name of salesforceParts.filter((n) => given[n] === undefined)) problems.push(`${name}: required with ${salesforceGiven.join(' and ')}, for the Salesforce connector`);
  }
  problems.push(...sharedSecretProblems(given));
  // A .env file runs no commands: `$(openssl rand -hex 24)` copied into one is that literal text.
  for (const [name, value] of Object.entries(given)) {
    if (/\$\(/.test(value ?? '') && (name.startsWith('HANDOFF_') || name.startsWith('SLACK_') || name.startsWith('HUBSPOT_') || name.startsWith('SALESFORCE_'))) {
      problems.push(`${name}: holds a shell command (\`$(…)\`), which a .env file does not run; paste the value the command prints, or run \`handoff init\` for fresh secrets`);
    }
  }
  const e = result.success ? result.data : undefined;
  if (problems.length > 0 || !e) throw new ConfigError(problems);

  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN ?? 'xoxb-demo',
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      socketMode: Boolean(e.SLACK_APP_TOKEN),
    },
    port: e.PORT,
    database: parseDatabaseUrl(e.DATABASE_URL, e.DATABASE_POOL_SIZE),
    webhookSecret: e.HANDOFF_WEBHOOK_SECRET,
    apiToken: e.HANDOFF_API_TOKEN,
    marketingChannel: e.MARKETING_CHANNEL,
    salesChannel: e.SALES_CHANNEL,
    digestChannels: e.DIGEST_CHANNELS ?? [],
    digestCron: e.DIGEST_CRON,
    timeZone: e.TZ,
    leadSla: e.LEAD_SLA,
    mqlRulesPath: e.MQL_RULES,
    routingPath: e.ROUTING,
    hotleadDefaultDays: e.HOTLEAD_DEFAULT_DAYS,
    outboundWebhookUrls: e.HANDOFF_OUTBOUND_WEBHOOK_URL ?? [],
    outboundEvents: e.HANDOFF_OUTBOUND_EVENTS ?? [...EVENT_TYPES],
    outboundSecrets: e.HANDOFF_OUTBOUND_SECRET ?? [],
    marketingUsergroup: e.MARKETING_USERGROUP,
    salesUsergroup: e.SALES_USERGROUP,
    admins: e.HANDOFF_ADMINS ?? [],
    stageMap: e.STAGE_MAP ?? {},
    crmRecordUrl: e.CRM_RECORD_URL,
    hubspot: e.HUBSPOT_TOKEN ? { token: e.HUBSPOT_TOKEN, apiUrl: e.HUBSPOT_API_URL.replace(/\/$/, ''), statusMap: { ...HUBSPOT_STATUS_DEFAULTS, ...e.HUBSPOT_STATUS_MAP } } : undefined,
    salesforce: e.SALESFORCE_INSTANCE_URL && e.SALESFORCE_CLIENT_ID && e.SALESFORCE_CLIENT_SECRET
      ? {
          instanceUrl: e.SALESFORCE_INSTANCE_URL.replace(/\/$/, ''),
          clientId: e.SALESFORCE_CLIENT_ID,
          clientSecret: e.SALESFORCE_CLIENT_SECRET,
          orgId: e.SALESFORCE_ORG_ID,
          statusMap: { ...SALESFORCE_STATUS_DEFAULTS, ...e.SALESFORCE_STATUS_MAP },
        }
      : undefined,
    retentionDays: e.RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    demo: Boolean(options.demo),
  };
}

/**
 * No secret serves two purposes: whoever verifies events must not be able to write leads, and
 * whoever reads the API must not be able to post them.
 */
function sharedSecretProblems(given: Record<string, string | undefined>): string[] {
  const secrets: [string, string | undefined][] = [
    ['HANDOFF_WEBHOOK_SECRET', given.HANDOFF_WEBHOOK_SECRET?.trim()],
    ['HANDOFF_API_TOKEN', given.HANDOFF_API_TOKEN?.trim()],
    ['SLACK_SIGNING_SECRET', given.SLACK_SIGNING_SECRET?.trim()],
    ['HUBSPOT_TOKEN', given.HUBSPOT_TOKEN?.trim()],
    ['SALESFORCE_CLIENT_SECRET', given.SALESFORCE_CLIENT_SECRET?.trim()],
    ...(given.HANDOFF_OUTBOUND_SECRET ?? '').split(/\s+/).filter(Boolean).map((s): [string, string] => ['HANDOFF_OUTBOUND_SECRET', s]),
  ];
  const problems: string[] = [];
  secrets.forEach(([name, value], i) => {
    const earlier = secrets.slice(0, i).find(([other, v]) => v !== undefined && v === value && other !== name);
    if (value !== undefined && earlier) problems.push(`${name}: must differ from ${earlier[0]}; each secret serves one purpose`);
  });
  return problems;
}

/** The process environment with `.env` (in the working directory) underneath it. */
export function readEnvironment(): Record<string, string | undefined> {
  const fromFile: Record<string, string> = {};
  dotenv.config({ processEnv: fromFile, quiet: true });
  return { ...fromFile, ...process.env };
}

/** ANSI colours only on a terminal, never with NO_COLOR set (no-color.org); FORCE_COLOR forces them. */
export function colorWanted(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}
