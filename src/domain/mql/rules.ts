import { ConfigError } from '../../config.ts';
import { readRulesFile } from './parse-rules.ts';

export { qualify, rulesFor } from './qualify.ts';

/** The lead definition both teams agreed (SPEC "Shared lead definition"). */
export interface MqlRules {
  min_score?: number;
  required?: string[];
  stages?: string[];
  exclude_email_domains?: string[];
  require_activity?: string[];
  /** Per-campaign overrides by (lower-cased) campaign key: each key given replaces the base rule's. */
  campaigns?: Record<string, Omit<MqlRules, 'campaigns'>>;
}

export interface LeadFacts {
  email: string | null;
  score: number | null;
  stage: string | null;
  campaign: string | null;
  activities: { type: string }[];
  /** Top-level lead attributes and `fields` (as `values.fields.x`, or flattened as `values['fields.x']`), for `required`. */
  values: Record<string, unknown>;
}

/** One rule applied to one lead, as data: views make the words (`met`/`failed` keep them too). */
export interface QualificationCheck {
  rule: 'min_score' | 'required' | 'stages' | 'exclude_email_domains' | 'require_activity';
  passed: boolean;
  /** What the lead had: its score, the fields it lacked or had, its stage, its email domain, its activities. */
  actual: number | string | string[] | null;
  /** What the rule asked for. */
  expected: number | string[];
  /** The campaign whose override set this rule, when one did. */
  campaign?: string;
}

export interface Qualification {
  qualified: boolean;
  /** Plain-words rules the lead met, e.g. "score 72 ≥ 60". */
  met: string[];
  /** Plain-words rules it failed; empty when qualified. */
  failed: string[];
  /** The same, as data (leads stored before this was kept have none). */
  checks?: QualificationCheck[];
}

/**
 * Reads and validates the MQL_RULES file; undefined when unset. Throws a ConfigError naming
 * the file and every problem, so the CLI prints it like any other bad setting.
 */
export function loadMqlRules(path: string | undefined): MqlRules | undefined {
  if (!path) return undefined;
  const { rules, problems } = readRulesFile(path);
  if (problems.length > 0 || !rules) throw new ConfigError(problems.map((p) => `MQL_RULES (${path}): ${p}`));
  return rules;
}
