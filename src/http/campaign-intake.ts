import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  campaignKey,
  CampaignInvalid,
  CampaignKeyTaken,
  END_BEFORE_START,
  endsBeforeStart,
  isoDate,
  LIMITS,
  STAGES,
  urlProblem,
  type BriefChanges,
  type FieldProblem,
} from '../domain/campaigns/brief.ts';
import { resolveOwner } from '../domain/campaigns/owners.ts';
import { ReplayedRequest, upsertCampaignByKey } from '../domain/campaigns/save.ts';
import { refreshHome } from '../home/refresh.ts';
import { readAuthenticatedIntake, SIGNATURE_WINDOW_MS } from './auth.ts';
import { campaignJson } from './campaign-json.ts';
import { HttpError, parseJsonBody, sendJson, type RouteHandler } from './router.ts';

// POST /webhooks/campaigns (SPEC "Campaign intake body"): create or update a brief by its key.
// A field left out keeps its stored value; null clears it; `assets` replaces the list (assets
// matched by URL keep their ids and ratings).

const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);

const text = (max: number) =>
  z
    .string({ error: required('a string or null') })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

const list = z
  .array(z.string({ error: required('a string') }).trim().min(1, 'must not be empty').max(LIMITS.listItem, `must be at most ${LIMITS.listItem} characters`), {
    error: required('a list of strings'),
  })
  .max(LIMITS.listItems, `must hold at most ${LIMITS.listItems} items`)
  .nullable()
  .optional();

const asset = z.object(
  {
    title: z.string({ error: required('a string') }).trim().min(1, 'must not be empty').max(LIMITS.assetTitle, `must be at most ${LIMITS.assetTitle} characters`),
    url: z.string({ error: required('a string') }).trim().superRefine((url, ctx) => {
      const problem = urlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    kind: z.string({ error: required('a string or null') }).trim().max(LIMITS.assetKind, `must be at most ${LIMITS.assetKind} characters`).nullish(),
  },
  { error: required('an object with title, url and kind') },
);

const owner = z
  .object(
    {
      email: z.email({ error: required('an email address') }).trim().toLowerCase().optional(),
      slack_user_id: z.string({ error: required('a Slack user id') }).trim().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD').optional(),
    },
    { error: required('{ "email": … } or { "slack_user_id": … }') },
  )
  .refine((o) => o.email !== undefined || o.slack_user_id !== undefined, 'must have "email" or "slack_user_id"')
  .nullable()
  .optional();

export const campaignIntakeSchema = z.object(
  {
    key: campaignKey,
    name: z.string({ error: required('a string') }).trim().min(1, 'must not be empty').max(LIMITS.name, `must be at most ${LIMITS.name} characters`),
    goal: text(LIMITS.text),
    audience: text(LIMITS.text),
    stage: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(STAGES, { error: 'must be awareness, consideration or decision' }).nullable().optional()),
    offer: text(LIMITS.text),
    key_messages: list,
    talking_points: list,
    aliases: z
      .array(z.string({ error: required('a string') }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'), { error: required('a list of names') })
      .max(20, 'must hold at most 20 names')
      .nullable()
      .optional(),
    assets: z
      .array(asset, { error: required('a list of assets') })
      .max(LIMITS.assets, `must hold at most ${LIMITS.assets} assets`)
      .nullable()
      .optional(),
    starts_on: isoDate.nullable().optional(),
    ends_on: isoDate.nullable().optional(),
    owner,
    status: z.enum(['active', 'archived'], { error: 'must be active or archived' }).optional(),
  },
  { error: 'must be a JSON object describing one campaign' },
);

export type CampaignIntake = z.infer<typeof campaignIntakeSchema>;

function pathOf(path: PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(body)';
}

/**
 * Rules across fields, checked on the raw body so they are reported with every other bad field
 * (zod runs refinements of an object or array only once all its parts are valid).
 */
function crossFieldProblems(json: unknown): FieldProblem[] {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [];
  const body = json as { starts_on?: unknown; ends_on?: unknown; assets?: unknown };
  const problems: FieldProblem[] = [];
  if (Array.isArray(body.assets)) {
    const first = new Map<string, number>();
    body.assets.forEach((a: { url?: unknown } | null, index) => {
      if (typeof a?.url !== 'string') return;
      const url = a.url.trim();
      const seen = first.get(url);
      if (seen === undefined) first.set(url, index);
      else problems.push({ path: `assets[${index}].url`, message: `repeats the URL of assets[${seen}]` });
    });
  }
  if (endsBeforeStart(body.starts_on, body.ends_on)) problems.push({ path: 'ends_on', message: END_BEFORE_START });
  return problems;
}

function invalid(problems: FieldProblem[]): HttpError {
  const message = `The campaign has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was stored.`;
  return new HttpError(400, message, { error: 'invalid_campaign', message, problems });
}

function changesOf(b: CampaignIntake): BriefChanges & { name: string } {
  return {
    name: b.name,
    goal: b.goal,
    audience: b.audience,
    stage: b.stage,
    offer: b.offer,
    keyMessages: b.key_messages === null ? [] : b.key_messages,
    talkingPoints: b.talking_points === null ? [] : b.talking_points,
    aliases: b.aliases === null ? [] : b.aliases,
    assets: b.assets === null ? [] : b.assets?.map((a) => ({ title: a.title, url: a.url, kind: a.kind ?? null })),
    startsOn: b.starts_on,
    endsOn: b.ends_on,
    owner: b.owner === null ? { slackId: null, email: null } : undefined,
    status: b.status,
  };
}

export const ARCHIVED_WARNING = 'This brief is archived, so it stays out of `/campaign list`; send "status": "active" to bring it back.';

export function campaignIntake(deps: Deps): RouteHandler {
  return async function campaignIntakeRoute(req, res) {
    const { raw, credentials } = await readAuthenticatedIntake(req, deps.config.webhookSecret, deps.clock.now());
    const json = parseJsonBody(raw);
    const parsed = campaignIntakeSchema.safeParse(json);
    const problems = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
    problems.push(...crossFieldProblems(json));
    if (!parsed.success || problems.length > 0) throw invalid(problems);
    const body = parsed.data;

    const warnings: string[] = [];
    const changes = changesOf(body);
    if (body.owner) {
      // Outside any transaction: this may wait on Slack.
      const spec = body.owner.slack_user_id ? { slackUserId: body.owner.slack_user_id } : { email: body.owner.email! };
      const resolved = await resolveOwner(deps, spec);
      changes.owner = { slackId: resolved.owner.slackId, email: body.owner.email ?? resolved.owner.email };
      if (resolved.warning) warnings.push(resolved.warning);
    }

    try {
      // A signature verifies for ten minutes around its timestamp (five either way).
      const signed = credentials.kind === 'signature' ? { signature: credentials.signature, route: 'campaigns', validForMs: 2 * SIGNATURE_WINDOW_MS } : undefined;
      const { brief, created } = await upsertCampaignByKey(deps.db, deps.clock.now(), body.key, changes, signed);
      if (brief.status === 'archived' && body.status === undefined) warnings.push(ARCHIVED_WARNING);
      if (brief.owner_slack_id) refreshHome(deps, brief.owner_slack_id);
      sendJson(res, created ? 201 : 200, { result: created ? 'created' : 'updated', campaign: campaignJson(brief), warnings });
    } catch (error) {
      if (error instanceof CampaignInvalid) throw invalid(error.problems);
      if (error instanceof ReplayedRequest) throw new HttpError(409, error.message, { error: 'replayed', message: error.message });
      if (error instanceof CampaignKeyTaken) throw new HttpError(409, error.message, { error: 'conflict', message: `${error.message} Send it again.` });
      throw error;
    }
  };
}
