import { z } from 'zod';
import type { Activity } from './model.ts';

// The lead intake body (SPEC "Lead intake body"). Every message says what is wrong in words an
// operator wiring a CRM can act on; the caller gets all of them at once, with their paths.

export const MAX_BATCH = 1000;

/** How deep `fields` (and unknown top-level keys) may nest: CRMs send flat records; deeper is an attack or a mistake. */
export const MAX_FIELDS_DEPTH = 16;

const KNOWN_KEYS = new Set(['updated_at', 'id', 'email', 'name', 'first_name', 'last_name', 'owner_email', 'owner_slack_user_id', 'title', 'company', 'owner', 'campaign', 'stage', 'score', 'activities', 'fields', 'record_url']);

type Issue = { input?: unknown };
const required = (what: string) => (iss: Issue) => (iss.input === undefined ? 'is required' : what);
const optionalWhat = (what: string) => () => what;

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

function optionalText(max: number) {
  return z.preprocess(
    blankToUndefined,
    z.string({ error: optionalWhat('must be text') }).trim().max(max, `must be at most ${max} characters`).optional(),
  );
}

const emailAddress = (iss: Issue) => (iss.input === undefined ? 'is required' : 'must be an email address such as ada@analytical.example');

const email = z
  .string({ error: required('must be an email address') })
  .trim()
  .max(320, 'must be at most 320 characters')
  .pipe(z.email({ error: emailAddress }));

// Control characters are what this matches, on purpose (hence the lint exception), and lone surrogates.
// eslint-disable-next-line no-control-regex
const UNUSABLE_IN_AN_ID = /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const id = z.preprocess(
  (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v),
  z
    .string({ error: required('must be text (the CRM\'s id of the lead)') })
    .trim()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    // It travels in button values and URLs: a control character or a broken surrogate would not survive the trip.
    .refine((s) => !UNUSABLE_IN_AN_ID.test(s), 'must not contain control characters or broken Unicode'),
);

const owner = z.preprocess(
  // An owner with nothing in it (a template whose owner fields came out empty) is no owner.
  (v) => (v === null || (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => blankToUndefined(x) === undefined)) ? undefined : v),
  z
  .object(
    {
      email: z.preprocess(blankToUndefined, email.optional()),
      slack_user_id: z.preprocess(
        blankToUndefined,
        z.string({ error: optionalWhat('must be a Slack user ID such as U0123ABCD') })
          .trim()
          .regex(/^[UW][A-Z0-9]{2,31}$/, 'must be a Slack user ID such as U0123ABCD')
          .optional(),
      ),
    },
    { error: required('must be an object: { "email": … } or { "slack_user_id": … }') },
  )
  .refine((o) => Boolean(o.email || o.slack_user_id), { message: 'must have "email" or "slack_user_id"' })
  .optional(),
);

const isoTime = z.string({ error: optionalWhat('must be an ISO 8601 date-time such as 2026-11-20T10:00:00Z') }).trim().transform((s, ctx) => {
  const t = /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : NaN;
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date-time such as 2026-11-20T10:00:00Z' });
    return z.NEVER;
  }
  return new Date(t).toISOString();
});

const activity = z.object(
  {
    type: z
      .string({ error: required('must be text such as "downloaded"') })
      .trim()
      .min(1, 'must not be empty')
      .max(64, 'must be at most 64 characters')
      .transform((s) => s.toLowerCase()),
    content: optionalText(1000),
    url: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(3000, 'must be at most 3000 characters').optional()),
    at: z.preprocess(blankToUndefined, isoTime.optional()),
  },
  { error: optionalWhat('must be an object such as { "type": "downloaded", "content": "…" }') },
);

const score = z.preprocess(
  (v) => {
    const b = blankToUndefined(v);
    return typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(b.trim()) ? Number(b) : b;
  },
  z.number({ error: optionalWhat('must be a number') }).refine(Number.isFinite, 'must be a finite number').optional(),
);

export const leadSchema = z.object({
  id,
  email: z.preprocess(blankToUndefined, email.optional()),
  name: optionalText(500),
  // CRM templates often hold first and last name apart (Marketo quotes each token by itself).
  first_name: optionalText(250),
  last_name: optionalText(250),
  title: optionalText(500),
  company: optionalText(500),
  owner,
  campaign: z.preprocess(
    blankToUndefined,
    z.string({ error: optionalWhat('must be text (the campaign brief\'s key or name)') }).trim().max(200, 'must be at most 200 characters').optional(),
  ),
  stage: z.preprocess(
    blankToUndefined,
    z.string({ error: optionalWhat('must be text such as "consideration"') }).trim().max(32, 'must be at most 32 characters').optional(),
  ),
  updated_at: z.preprocess(blankToUndefined, isoTime.optional()),
  record_url: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (the lead\'s page in the CRM)' }).max(3000, 'must be at most 3000 characters').optional()),
  score,
  activities: z.preprocess(
    (v) => (v === null ? undefined : v),
    z.array(activity, { error: optionalWhat('must be a list of activities') }).max(500, 'must hold at most 500 activities').optional(),
  ),
  fields: z.preprocess(
    (v) => (v === null ? undefined : v),
    z.record(z.string(), z.unknown(), { error: optionalWhat('must be an object of extra fields') }).optional(),
  ),
});

export interface LeadInput {
  id: string;
  /** Null when the CRM sent none that could be used (named in the warnings). */
  email: string | null;
  name: string | null;
  title: string | null;
  company: string | null;
  owner: { email: string | null; slackUserId: string | null };
  campaign: string | null;
  /** The CRM's own word, as sent; intake maps it to a buying stage. */
  stage: string | null;
  score: number | null;
  /** The lead's page in the CRM, when the body gives it. */
  recordUrl: string | null;
  /** When the CRM last changed the record (UTC ISO): a resend older than what is stored changes nothing. */
  updatedAt: string | null;
  activities: Activity[];
  fields: Record<string, unknown>;
}

export interface Problem {
  path: string;
  message: string;
}

/** `warnings`: optional fields that were wrong and left out; the lead is stored without them. */
export type LeadParse = { ok: true; lead: LeadInput; warnings: Problem[] } | { ok: false; problems: Problem[]; id?: string };

// A CRM that gets a 4xx never sends the lead again (HubSpot's workflows, for one): a wrong
// optional field is left out with a warning instead of refusing the whole lead.
// A wrong owner is left out too: the lead is then offered to the sales channel to claim.
const OPTIONAL_KEYS = new Set(['updated_at', 'email', 'name', 'first_name', 'last_name', 'title', 'company', 'owner', 'campaign', 'stage', 'score', 'activities', 'fields', 'record_url']);
const DROPPED = Symbol('dropped');

/** The record without what these issues name: a field, an activity's sub-field, or an activity without a usable type. */
function withoutBadParts(record: Record<string, unknown>, paths: PropertyKey[][]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  let activities = Array.isArray(record.activities) ? [...(record.activities as unknown[])] : undefined;
  for (const path of paths) {
    const [key, index, sub] = path;
    if (key === 'activities' && activities && typeof index === 'number' && sub !== undefined && sub !== 'type' && activities[index] && typeof activities[index] === 'object') {
      const activity = { ...(activities[index] as Record<string, unknown>) };
      delete activity[String(sub)];
      activities[index] = activity;
    } else if (key === 'activities' && activities && typeof index === 'number') {
      activities[index] = DROPPED;
    } else {
      delete out[String(key)];
      if (key === 'activities') activities = undefined;
    }
  }
  if (activities) out.activities = activities.filter((a) => a !== DROPPED);
  return out;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Whether `value` nests deeper than `limit` levels of objects or arrays; iterative, so any depth is safe to ask about. */
function depthOver(value: unknown, limit: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) if (child && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

/**
 * Tools that send flat key/value bodies (HubSpot's "Customize request body", for one) cannot nest
 * `owner`: `owner_email` and `owner_slack_user_id` stand for it when `owner` is not given.
 */
function withFlatOwner(record: Record<string, unknown>): Record<string, unknown> {
  if (record.owner !== undefined || (record.owner_email === undefined && record.owner_slack_user_id === undefined)) return record;
  const { owner_email: email, owner_slack_user_id: slackUserId, ...rest } = record;
  return { ...rest, owner: { ...(email !== undefined ? { email } : {}), ...(slackUserId !== undefined ? { slack_user_id: slackUserId } : {}) } };
}

/** Validates one lead; unknown top-level keys are kept in `fields` rather than rejected. */
export function parseLead(body: unknown): LeadParse {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, problems: [{ path: '', message: 'must be a JSON object describing one lead' }] };
  }
  const sent = withFlatOwner(body as Record<string, unknown>);
  let record = sent;
  const warnings: Problem[] = [];
  let result = leadSchema.safeParse(record);
  // Two rounds: leaving out a bad activity field can only reveal problems in what remains once.
  for (let round = 0; round < 3 && !result.success; round += 1) {
    const issues = result.error.issues;
    const fatal = issues.some((issue) => !OPTIONAL_KEYS.has(String(issue.path[0])));
    if (fatal || round === 2) {
      const problems = [...warnings, ...issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))];
      const rawId = sent.id;
      return { ok: false, problems, id: typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined };
    }
    warnings.push(...issues.map((issue) => ({ path: formatPath(issue.path), message: `${issue.message}; left out` })));
    record = withoutBadParts(record, issues.map((issue) => issue.path));
    result = leadSchema.safeParse(record);
  }
  if (!result.success) return { ok: false, problems: warnings };
  const v = result.data;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sent)) if (!KNOWN_KEYS.has(key)) extra[key] = value;
  // Refused here, alone: a value that cannot be stored would otherwise fail the shared commit of every lead sent with it.
  const tooDeep = [...Object.entries(extra), ['fields', v.fields] as const].find(([, value]) => depthOver(value, MAX_FIELDS_DEPTH - 1));
  if (tooDeep) {
    return { ok: false, problems: [{ path: String(tooDeep[0]), message: `is nested more than ${MAX_FIELDS_DEPTH} levels deep; send flat fields` }], id: v.id };
  }
  const activities: Activity[] = (v.activities ?? []).map((a) => ({
    type: a.type,
    ...(a.content !== undefined ? { content: a.content } : {}),
    ...(a.url !== undefined ? { url: a.url } : {}),
    ...(a.at !== undefined ? { at: a.at } : {}),
  }));
  if (v.email === undefined && !warnings.some((w) => w.path === 'email')) {
    warnings.push({ path: 'email', message: 'is missing; the lead is handed over without one, and no marketing emails can be paused for it' });
  }
  return {
    ok: true,
    lead: {
      id: v.id,
      email: v.email ?? null,
      name: v.name ?? ([v.first_name, v.last_name].filter(Boolean).join(' ') || null),
      title: v.title ?? null,
      company: v.company ?? null,
      owner: { email: v.owner?.email?.toLowerCase() ?? null, slackUserId: v.owner?.slack_user_id ?? null },
      campaign: v.campaign ?? null,
      stage: v.stage ?? null,
      recordUrl: v.record_url ?? null,
      updatedAt: v.updated_at ?? null,
      score: v.score ?? null,
      activities,
      // An explicit `fields` entry wins over a same-named unknown top-level key.
      fields: { ...extra, ...(v.fields ?? {}) },
    },
    warnings,
  };
}
