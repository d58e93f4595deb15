// The ROUTING file: pools of reps and which leads each takes. Read and checked at start, with
// one message naming every problem (like MQL_RULES).

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../../config.ts';

export interface RoutingPool {
  name: string;
  /** Lead attribute or `fields.NAME` → the values that match (folded); every key must match. */
  match: Record<string, string[]>;
  /** Slack user ids (U…) or emails, in order. */
  reps: string[];
  /** Rep → weight (default 1). */
  weights: Record<string, number>;
  /** Unanswered leads a rep may hold before the pool skips them. */
  maxOpenPerRep: number | undefined;
}

/** Working hours in each rep's own time zone: days (0 = Sunday) and minutes after midnight. */
export interface WorkingHours {
  days: number[];
  start: number;
  end: number;
  text: string;
}

/** When each step of the SLA ladder comes, as shares of the lead's SLA. */
export interface SlaLadder {
  remindAt: number;
  escalateAt: number;
  /** Undefined: the lead stays with its owner after the escalation. */
  reassignAt: number | undefined;
}

/** Today's ladder: a reminder at half the SLA, the escalation (with Claim) at all of it. */
export const DEFAULT_LADDER: SlaLadder = { remindAt: 0.5, escalateAt: 1, reassignAt: undefined };

export interface Routing {
  pools: RoutingPool[];
  workingHours: WorkingHours | undefined;
  ladder: SlaLadder;
  /** SLA clocks count only working hours (needs working_hours). */
  businessHoursSla: boolean;
}

const MATCH_KEYS = ['stage', 'crm_stage', 'campaign', 'company', 'title'] as const;
const rep = z.string().trim().refine((s) => /^[UW][A-Z0-9]{2,}$/.test(s) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s), 'must be a Slack user ID (U…) or an email');

const poolSchema = z.object({
  name: z.string({ error: 'must be a name' }).trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  match: z.record(
    z.string(),
    z.union([z.string(), z.number()]).transform((v) => [v]).or(z.array(z.union([z.string(), z.number()])).min(1, 'must list at least one value')),
  ).optional(),
  reps: z.array(rep, { error: 'must be a list of Slack user IDs or emails' }).min(1, 'must list at least one rep'),
  weights: z.record(z.string(), z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100')).optional(),
  max_open_per_rep: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').optional(),
}).strict();

const fileSchema = z.object({
  pools: z.array(poolSchema, { error: 'must be a list of pools' }).min(1, 'must list at least one pool'),
  working_hours: z.string().optional(),
  sla_ladder: z.array(z.record(z.string(), z.number())).optional(),
  business_hours_sla: z.boolean().optional(),
}).strict();

const fold = (v: string | number) => String(v).trim().toLowerCase();

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** "Mon-Fri 09:00-18:00" (or "Mon,Wed 08:30-12:00"). */
export function parseWorkingHours(text: string): WorkingHours | string {
  const m = /^\s*([A-Za-z]{3})(?:\s*-\s*([A-Za-z]{3}))?((?:\s*,\s*[A-Za-z]{3})*)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const bad = 'must read like "Mon-Fri 09:00-18:00"';
  if (!m) return bad;
  const day = (d: string) => DAYS.indexOf(d.toLowerCase());
  const first = day(m[1]);
  const last = m[2] ? day(m[2]) : first;
  const extra = (m[3] ?? '').split(',').map((d) => d.trim()).filter(Boolean).map(day);
  if (first < 0 || last < 0 || extra.some((d) => d < 0)) return bad;
  const days = new Set<number>(extra);
  for (let d = first; ; d = (d + 1) % 7) {
    days.add(d);
    if (d === last) break;
  }
  const start = Number(m[4]) * 60 + Number(m[5]);
  const end = Number(m[6]) * 60 + Number(m[7]);
  if (Number(m[4]) > 23 || Number(m[6]) > 24 || Number(m[5]) > 59 || Number(m[7]) > 59 || end <= start) return `${bad}, the end after the start`;
  return { days: [...days].sort(), start, end, text: text.trim() };
}

const STEPS = { remind_at: 'remindAt', escalate_at: 'escalateAt', reassign_at: 'reassignAt' } as const;

function readLadder(steps: Record<string, number>[] | undefined): SlaLadder | string {
  if (!steps) return DEFAULT_LADDER;
  const ladder: Partial<Record<keyof SlaLadder, number>> = {};
  for (const [i, step] of steps.entries()) {
    const entries = Object.entries(step);
    if (entries.length !== 1 || !(entries[0][0] in STEPS)) return `step ${i + 1} must be one of remind_at, escalate_at or reassign_at, with a share of the SLA`;
    const [key, value] = entries[0] as [keyof typeof STEPS, number];
    if (!(value > 0 && value <= 10)) return `${key} must be a share of the SLA above 0 (1.0 is the SLA itself)`;
    ladder[STEPS[key]] = value;
  }
  const result = { remindAt: ladder.remindAt ?? DEFAULT_LADDER.remindAt, escalateAt: ladder.escalateAt ?? DEFAULT_LADDER.escalateAt, reassignAt: ladder.reassignAt };
  if (result.remindAt >= result.escalateAt) return 'remind_at must come before escalate_at';
  if (result.reassignAt !== undefined && result.reassignAt <= result.escalateAt) return 'reassign_at must come after escalate_at';
  return result;
}

export function validateRouting(data: unknown): { routing?: Routing; problems: string[] } {
  const parsed = fileSchema.safeParse(data);
  // Match keys are checked here, so the message names what is allowed.
  const keyProblems = Array.isArray((data as { pools?: unknown })?.pools)
    ? ((data as { pools: unknown[] }).pools).flatMap((p, i) => Object.keys((p as { match?: object } | null)?.match ?? {})
      .filter((k) => !(MATCH_KEYS as readonly string[]).includes(k) && !/^fields\.[^.\s]+$/.test(k))
      .map((k) => `pools.${i}.match.${k}: must be one of ${MATCH_KEYS.join(', ')} or fields.NAME`))
    : [];
  if (!parsed.success || keyProblems.length > 0) {
    return { problems: [...keyProblems, ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'the file'}: ${i.message}`))] };
  }
  const problems: string[] = [];
  const names = new Set<string>();
  const pools = parsed.data.pools.map((p, i): RoutingPool => {
    if (names.has(p.name)) problems.push(`pools.${i}.name: "${p.name}" is used by another pool`);
    names.add(p.name);
    for (const who of Object.keys(p.weights ?? {})) if (!p.reps.includes(who)) problems.push(`pools.${i}.weights.${who}: is not one of this pool's reps`);
    return {
      name: p.name,
      match: Object.fromEntries(Object.entries(p.match ?? {}).map(([k, vs]) => [k, vs.map(fold)])),
      reps: p.reps,
      weights: p.weights ?? {},
      maxOpenPerRep: p.max_open_per_rep,
    };
  });
  const workingHours = parsed.data.working_hours === undefined ? undefined : parseWorkingHours(parsed.data.working_hours);
  if (typeof workingHours === 'string') problems.push(`working_hours: ${workingHours}`);
  if (problems.length > 0) return { problems };
  const ladder = readLadder(parsed.data.sla_ladder);
  if (typeof ladder === 'string') return { problems: [`sla_ladder: ${ladder}`] };
  if (parsed.data.business_hours_sla && parsed.data.working_hours === undefined) return { problems: ['business_hours_sla: needs working_hours, the hours its clocks count'] };
  return { routing: { pools, workingHours: typeof workingHours === 'string' ? undefined : workingHours, ladder, businessHoursSla: Boolean(parsed.data.business_hours_sla) }, problems: [] };
}

export function loadRouting(path: string | undefined): Routing | undefined {
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([`ROUTING (${path}): cannot read the file: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`]);
  }
  let data: unknown;
  try {
    data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new ConfigError([`ROUTING (${path}): not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`]);
  }
  const { routing, problems } = validateRouting(data);
  if (problems.length > 0 || !routing) throw new ConfigError(problems.map((p) => `ROUTING (${path}): ${p}`));
  return routing;
}
