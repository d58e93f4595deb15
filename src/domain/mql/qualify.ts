import type { LeadFacts, MqlRules, Qualification, QualificationCheck } from './rules.ts';
import { activityWords, formatScore, joinWords, type BaseRules } from './words.ts';

type RuleKey = keyof BaseRules;

export interface RulesForCampaign {
  rules: BaseRules;
  /** The campaign whose override applied, when one did. */
  campaign?: string;
  /** Which rules came from that override. */
  overridden: Set<RuleKey>;
}

/** The base rules with the lead's campaign override laid over them (keys it gives replace the base's). */
export function rulesFor(rules: MqlRules, campaign: string | null): RulesForCampaign {
  const { campaigns, ...base } = rules;
  const key = campaign?.trim().toLowerCase();
  const override = key && campaigns && Object.hasOwn(campaigns, key) ? campaigns[key] : undefined;
  if (!override || !key) return { rules: base, overridden: new Set() };
  return { rules: { ...base, ...override }, campaign: key, overridden: new Set(Object.keys(override) as RuleKey[]) };
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function valueAt(lead: LeadFacts, path: string): unknown {
  if (path.startsWith('fields.')) {
    const name = path.slice('fields.'.length);
    if (isPresent(lead.values[path])) return lead.values[path];
    const fields = lead.values.fields;
    return fields && typeof fields === 'object' ? (fields as Record<string, unknown>)[name] : undefined;
  }
  if (isPresent(lead.values[path])) return lead.values[path];
  const known: Record<string, unknown> = { email: lead.email, score: lead.score, stage: lead.stage, campaign: lead.campaign, activities: lead.activities };
  return known[path];
}

function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

/** Applies the definition to one lead; every rule is checked so `failed` lists all that missed. */
export function qualify(rules: MqlRules | undefined, lead: LeadFacts): Qualification {
  if (!rules) return { qualified: true, met: [], failed: [], checks: [] };
  const { rules: r, campaign, overridden } = rulesFor(rules, lead.campaign);
  const met: string[] = [];
  const failed: string[] = [];
  // Say which rule came from the campaign's override, so nobody wonders why 45 passed a 60.
  const from = (rule: RuleKey, text: string) => (overridden.has(rule) ? `${text} (${campaign} rule)` : text);
  const checks: QualificationCheck[] = [];
  const check = (rule: RuleKey, passed: boolean, actual: QualificationCheck['actual'], expected: QualificationCheck['expected']) =>
    checks.push({ rule, passed, actual, expected, ...(overridden.has(rule) && campaign ? { campaign } : {}) });

  if (r.min_score !== undefined) {
    const min = formatScore(r.min_score);
    const score = typeof lead.score === 'number' && Number.isFinite(lead.score) ? lead.score : null;
    if (score === null) failed.push(from('min_score', 'no score'));
    else if (score >= r.min_score) met.push(from('min_score', `score ${formatScore(score)} ≥ ${min}`));
    else failed.push(from('min_score', `score ${formatScore(score)} is below ${min}`));
    check('min_score', score !== null && score >= r.min_score, score, r.min_score);
  }

  if (r.required && r.required.length > 0) {
    const missing = r.required.filter((path) => !isPresent(valueAt(lead, path)));
    for (const path of missing) failed.push(from('required', `missing ${path}`));
    if (missing.length === 0) met.push(from('required', `has ${r.required.join(', ')}`));
    check('required', missing.length === 0, missing.length === 0 ? r.required : missing, r.required);
  }

  if (r.stages) {
    const stage = lead.stage?.trim().toLowerCase();
    if (!stage) failed.push(from('stages', 'no buying stage'));
    else if (r.stages.includes(stage)) met.push(from('stages', `stage ${stage} is allowed`));
    else failed.push(from('stages', `stage ${stage} is not allowed`));
    check('stages', Boolean(stage && r.stages.includes(stage)), stage ?? null, r.stages);
  }

  // A lead without an email has no domain to exclude (a `required: [email]` rule refuses it).
  if (r.exclude_email_domains && r.exclude_email_domains.length > 0 && lead.email !== null) {
    const domain = emailDomain(lead.email);
    const excluded = r.exclude_email_domains.find((d) => domain === d || domain.endsWith(`.${d}`));
    if (!domain) failed.push(from('exclude_email_domains', 'email has no domain'));
    else if (excluded === domain) failed.push(from('exclude_email_domains', `email domain ${domain} is excluded`));
    else if (excluded) failed.push(from('exclude_email_domains', `email domain ${domain} is excluded (${excluded})`));
    else met.push(from('exclude_email_domains', `email domain ${domain} is allowed`));
    check('exclude_email_domains', Boolean(domain) && !excluded, domain || null, r.exclude_email_domains);
  }

  if (r.require_activity) {
    const wanted = new Set(r.require_activity);
    const done = [...new Set(lead.activities.map((a) => String(a.type ?? '').trim().toLowerCase()).filter((t) => wanted.has(t)))];
    if (done.length > 0) met.push(from('require_activity', joinWords([...new Set(done.map(activityWords))], 'and')));
    else failed.push(from('require_activity', `no qualifying activity (${joinWords([...new Set(r.require_activity.map(activityWords))], 'or')})`));
    check('require_activity', done.length > 0, done, r.require_activity);
  }

  return { qualified: failed.length === 0, met, failed, checks };
}
