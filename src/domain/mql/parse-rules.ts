import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { MqlRules } from './rules.ts';

// Lead attributes a `required` entry may name directly; anything else lives under `fields.`.
// A closed list so a typo ("compnay") stops the start instead of silently holding every lead.
export const LEAD_ATTRIBUTES = ['email', 'name', 'title', 'company', 'campaign', 'stage', 'score', 'activities'] as const;

const RULE_KEYS = ['min_score', 'required', 'stages', 'exclude_email_domains', 'require_activity'] as const;
const CAMPAIGN_KEY = /^[a-z0-9][a-z0-9-]*$/;

const word = z.string({ error: 'must be a word' }).trim().min(1, 'must not be empty');

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

const requiredField = z
  .string({ error: 'must be a field name such as company or fields.budget' })
  .trim()
  .refine(
    (path) => (LEAD_ATTRIBUTES as readonly string[]).includes(path) || /^fields\.[^.\s]+$/.test(path),
    {
      error: (issue) => {
        const path = String(issue.input);
        const near = LEAD_ATTRIBUTES.find((a) => editDistance(a, path.toLowerCase()) <= 2);
        const hint = near ? ` (did you mean "${near}"?)` : '';
        return `"${path}" is not a lead attribute${hint}; use one of ${LEAD_ATTRIBUTES.join(', ')}, or fields.NAME for anything else (e.g. fields.${path.replace(/^fields\.?/, '') || 'budget'})`;
      },
    },
  );

const emailDomain = z
  .string({ error: 'must be an email domain such as gmail.com' })
  .trim()
  .toLowerCase()
  // People write "@gmail.com" or "*.gmail.com"; both mean the domain and its subdomains.
  .transform((d) => d.replace(/^(\*\.|@)/, ''))
  .refine((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d), { error: (issue) => `"${String(issue.input)}" is not an email domain such as gmail.com` });

const list = <T extends z.ZodType>(item: T, what: string) => z.array(item, { error: `must be a list of ${what}` });

const nonEmptyList = <T extends z.ZodType>(item: T, what: string, whenEmpty: string) =>
  list(item, what).min(1, whenEmpty);

const ruleShape = {
  min_score: z
    .number({ error: (issue) => `must be a number such as 60, not ${JSON.stringify(issue.input) ?? 'nothing'}` })
    .refine(Number.isFinite, 'must be a finite number')
    .optional(),
  required: list(requiredField, 'field names').optional(),
  stages: nonEmptyList(word.toLowerCase(), 'buying stages', 'must list at least one stage (remove the key to allow every stage)').optional(),
  exclude_email_domains: list(emailDomain, 'email domains').optional(),
  require_activity: nonEmptyList(word.toLowerCase(), 'activity types', 'must list at least one activity type (remove the key to require none)').optional(),
};

const unknownKeys = (issue: { code?: string; keys?: string[] }, allowed: readonly string[]): string | undefined =>
  issue.code === 'unrecognized_keys'
    ? `unknown key${issue.keys && issue.keys.length > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')} (allowed: ${allowed.join(', ')})`
    : undefined;

const overrideSchema = z.strictObject(ruleShape, {
  error: (issue) => unknownKeys(issue, RULE_KEYS) ?? 'must be a map of rules such as { min_score: 40 }',
});

const rulesSchema = z.strictObject(
  {
    ...ruleShape,
    campaigns: z.record(z.string(), overrideSchema, { error: 'must be a map from campaign key to rules' }).optional(),
  },
  {
    error: (issue) =>
      unknownKeys(issue, [...RULE_KEYS, 'campaigns']) ??
      `must be a map of rules (${[...RULE_KEYS, 'campaigns'].join(', ')})`,
  },
);

function describePath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

/** The file's text as data: YAML or JSON by extension; otherwise JSON, then YAML. Every syntax error, not just the first. */
function parseText(text: string, path: string): { data?: unknown; problems: string[] } {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    try {
      return { data: JSON.parse(text), problems: [] };
    } catch (error) {
      return { problems: [`not valid JSON: ${(error as Error).message}`] };
    }
  }
  if (ext !== '.yaml' && ext !== '.yml') {
    try {
      return { data: JSON.parse(text), problems: [] };
    } catch {
      // Not JSON: YAML (a superset) may still read it.
    }
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => `not valid YAML: ${e.message.split('\n')[0]}`) };
  }
  try {
    // toJS resolves aliases: an alias to an anchor that does not exist (or a runaway alias) throws here.
    return { data: doc.toJS({ maxAliasCount: 100 }), problems: [] };
  } catch (error) {
    return { problems: [`not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
}

/** Every problem with the rules' content, in words an operator can act on (no prefix). */
export function validateRules(data: unknown): { rules?: MqlRules; problems: string[] } {
  // An empty file is a definition with no rules: every lead qualifies.
  if (data === null || data === undefined) return { rules: {}, problems: [] };
  const result = rulesSchema.safeParse(data);
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => {
        const where = describePath(issue.path);
        if (where) return `${where}: ${issue.message}`;
        return issue.message.startsWith('must') ? `the file ${issue.message}` : issue.message;
      }),
    };
  }
  const parsed = result.data as MqlRules;
  const problems: string[] = [];
  const campaigns: NonNullable<MqlRules['campaigns']> = {};
  for (const [rawKey, override] of Object.entries(parsed.campaigns ?? {})) {
    // Leads' campaign keys are matched case-insensitively, so the rules' keys are too.
    const key = rawKey.trim().toLowerCase();
    if (!CAMPAIGN_KEY.test(key)) {
      problems.push(`campaigns.${rawKey}: is not a campaign key (lowercase letters, digits and dashes)`);
    } else if (Object.hasOwn(campaigns, key)) {
      problems.push(`campaigns.${rawKey}: is listed twice (keys are case-insensitive)`);
    } else {
      campaigns[key] = override;
    }
  }
  if (problems.length > 0) return { problems };
  const rules: MqlRules = { ...parsed };
  if (parsed.campaigns) rules.campaigns = campaigns;
  return { rules, problems: [] };
}

/** Reads and validates one rules file; problems are not prefixed. */
export function readRulesFile(path: string): { rules?: MqlRules; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return { problems: [`cannot read the file: ${why}`] };
  }
  const parsed = parseText(text, path);
  if (parsed.problems.length > 0) return { problems: parsed.problems };
  return validateRules(parsed.data);
}
