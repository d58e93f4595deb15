import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { loadMqlRules, qualify, type LeadFacts, type MqlRules } from '../../src/domain/mql/rules.ts';
import { writeRules } from './support.ts';

const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  email: 'ada@analytical.example',
  score: 72,
  stage: 'consideration',
  campaign: null,
  activities: [{ type: 'downloaded' }],
  values: { name: 'Ada Lovelace', company: 'Analytical Engines', title: 'CTO', fields: { budget: 'approved' } },
  ...over,
});

function problemsOf(path: string): string[] {
  try {
    loadMqlRules(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the rules to be refused');
}

describe('loading MQL_RULES', () => {
  it('means every lead qualifies when unset', () => {
    expect(loadMqlRules(undefined)).toBeUndefined();
    expect(qualify(undefined, lead({ score: 1 }))).toMatchObject({ qualified: true, met: [], failed: [] });
  });

  it('reads the YAML file of the contract', () => {
    const path = writeRules(`
min_score: 60                          # score at or above
required: [company, title, fields.budget]
stages: [consideration, decision]
exclude_email_domains: [gmail.com, yahoo.com]
require_activity: [downloaded, registered, requested_demo]
campaigns:
  q4-ai-webinar: { min_score: 40 }
`);
    expect(loadMqlRules(path)).toEqual({
      min_score: 60,
      required: ['company', 'title', 'fields.budget'],
      stages: ['consideration', 'decision'],
      exclude_email_domains: ['gmail.com', 'yahoo.com'],
      require_activity: ['downloaded', 'registered', 'requested_demo'],
      campaigns: { 'q4-ai-webinar': { min_score: 40 } },
    });
  });

  it('reads the same rules as JSON, and a file without extension in either form', () => {
    const rules = { min_score: 50, stages: ['Decision'], campaigns: { 'Q4-AI': { stages: ['awareness'] } } };
    const expected = { min_score: 50, stages: ['decision'], campaigns: { 'q4-ai': { stages: ['awareness'] } } };
    expect(loadMqlRules(writeRules(rules, 'mql.json'))).toEqual(expected);
    expect(loadMqlRules(writeRules(rules, 'mql-rules'))).toEqual(expected);
    expect(loadMqlRules(writeRules('min_score: 50\nstages: [Decision]\ncampaigns:\n  Q4-AI:\n    stages: [awareness]\n', 'mql-rules'))).toEqual(expected);
  });

  it('treats an empty file as a definition with no rules', () => {
    const rules = loadMqlRules(writeRules(''));
    expect(rules).toEqual({});
    expect(qualify(rules, lead({ score: null })).qualified).toBe(true);
  });

  it('refuses YAML whose alias points at no anchor with a clear problem, not a crash', () => {
    const problems = problemsOf(writeRules('min_score: *nope\n'));
    expect(problems.join('\n')).toMatch(/not valid YAML: Unresolved alias/);
  });

  it('names the file and every problem, including unknown keys that are likely typos', () => {
    const path = writeRules(`
mn_score: 60
min_score: sixty
required: [compnay, fields.budget, 7]
stages: []
exclude_email_domains: ["not a domain"]
require_activity: downloaded
campaigns:
  q4-ai-webinar: { min_scor: 40 }
  "Bad Key!": { min_score: 10 }
`);
    const problems = problemsOf(path);
    expect(problems.every((p) => p.startsWith(`MQL_RULES (${path}): `))).toBe(true);
    const text = problems.join('\n');
    expect(text).toContain('unknown key "mn_score"');
    expect(text).toContain('min_score: must be a number such as 60, not "sixty"');
    expect(text).toContain('required[0]: "compnay" is not a lead attribute (did you mean "company"?)');
    expect(text).toContain('required[2]:');
    expect(text).toContain('stages: must list at least one stage');
    expect(text).toContain('exclude_email_domains[0]: "not a domain" is not an email domain');
    expect(text).toContain('require_activity: must be a list of activity types');
    expect(text).toContain('campaigns.q4-ai-webinar: unknown key "min_scor"');
    expect(problems).toHaveLength(8);
  });

  it('accepts campaign keys that are also names of object properties', () => {
    expect(loadMqlRules(writeRules({ campaigns: { constructor: { min_score: 1 } } }, 'r.json'))).toEqual({ campaigns: { constructor: { min_score: 1 } } });
  });

  it('reports a campaign key that is not a slug once the rest is right', () => {
    expect(problemsOf(writeRules({ campaigns: { 'Bad Key!': { min_score: 1 } } }, 'r.json'))).toEqual([
      expect.stringContaining('campaigns.Bad Key!: is not a campaign key'),
    ]);
  });

  it('reports syntax errors, a missing file and a file that is not a map', () => {
    expect(problemsOf(writeRules('{ "min_score": 60,', 'r.json'))[0]).toMatch(/not valid JSON/);
    expect(problemsOf(writeRules('min_score: [60\nstages: x', 'r.yaml'))[0]).toMatch(/not valid YAML/);
    expect(problemsOf('/nonexistent/mql.yaml')).toEqual(['MQL_RULES (/nonexistent/mql.yaml): cannot read the file: no such file']);
    expect(problemsOf(writeRules('- 60\n- 70\n'))).toEqual([expect.stringContaining('the file must be a map of rules')]);
  });
});

describe('qualifying a lead', () => {
  it('passes a score at or above the minimum and fails one below it or missing', () => {
    const rules: MqlRules = { min_score: 60 };
    expect(qualify(rules, lead({ score: 72 }))).toMatchObject({ qualified: true, met: ['score 72 ≥ 60'], failed: [] });
    // The same as data, for views to put in words.
    expect(qualify(rules, lead({ score: 72 })).checks).toEqual([{ rule: 'min_score', passed: true, actual: 72, expected: 60 }]);
    expect(qualify(rules, lead({ score: null })).checks).toEqual([{ rule: 'min_score', passed: false, actual: null, expected: 60 }]);
    expect(qualify(rules, lead({ score: 60 })).qualified).toBe(true);
    expect(qualify(rules, lead({ score: 45 }))).toMatchObject({ qualified: false, met: [], failed: ['score 45 is below 60'] });
    expect(qualify(rules, lead({ score: null }))).toMatchObject({ qualified: false, met: [], failed: ['no score'] });
  });

  it('needs every required field present and non-empty, top-level or in fields', () => {
    const rules: MqlRules = { required: ['company', 'title', 'fields.budget'] };
    expect(qualify(rules, lead()).met).toEqual(['has company, title, fields.budget']);
    const missing = qualify(rules, lead({ values: { company: '  ', title: 'CTO', fields: {} } }));
    expect(missing).toMatchObject({ qualified: false, met: [], failed: ['missing company', 'missing fields.budget'] });
    // Intake may flatten fields into the values.
    expect(qualify(rules, lead({ values: { company: 'A', title: 'B', 'fields.budget': 'yes' } })).qualified).toBe(true);
  });

  it('allows only the listed buying stages, whatever their case', () => {
    const rules: MqlRules = { stages: ['consideration', 'decision'] };
    expect(qualify(rules, lead({ stage: 'Decision' })).met).toEqual(['stage decision is allowed']);
    expect(qualify(rules, lead({ stage: 'awareness' })).failed).toEqual(['stage awareness is not allowed']);
    expect(qualify(rules, lead({ stage: null })).failed).toEqual(['no buying stage']);
  });

  it('excludes email domains and their subdomains, case-insensitively', () => {
    const rules: MqlRules = { exclude_email_domains: ['gmail.com'] };
    expect(qualify(rules, lead({ email: 'ada@Gmail.COM' })).failed).toEqual(['email domain gmail.com is excluded']);
    expect(qualify(rules, lead({ email: 'ada@eu.gmail.com' })).failed).toEqual(['email domain eu.gmail.com is excluded (gmail.com)']);
    expect(qualify(rules, lead({ email: 'ada@notgmail.com' })).met).toEqual(['email domain notgmail.com is allowed']);
  });

  it('requires at least one of the listed activity types', () => {
    const rules: MqlRules = { require_activity: ['downloaded', 'requested_demo'] };
    expect(qualify(rules, lead()).met).toEqual(['downloaded content']);
    expect(qualify(rules, lead({ activities: [{ type: 'requested_demo' }, { type: 'downloaded' }] })).met).toEqual(['requested a demo and downloaded content']);
    expect(qualify(rules, lead({ activities: [{ type: 'visited' }] })).failed).toEqual(['no qualifying activity (downloaded content or requested a demo)']);
    expect(qualify(rules, lead({ activities: [] })).qualified).toBe(false);
  });

  it('lists every rule met and every rule failed', () => {
    const rules: MqlRules = { min_score: 60, required: ['fields.budget'], stages: ['decision'], exclude_email_domains: ['gmail.com'], require_activity: ['downloaded'] };
    expect(qualify(rules, lead({ score: 45, stage: 'decision', email: 'x@gmail.com' }))).toEqual({
      qualified: false,
      met: ['has fields.budget', 'stage decision is allowed', 'downloaded content'],
      failed: ['score 45 is below 60', 'email domain gmail.com is excluded'],
      checks: [
        { rule: 'min_score', passed: false, actual: 45, expected: 60 },
        { rule: 'required', passed: true, actual: ['fields.budget'], expected: ['fields.budget'] },
        { rule: 'stages', passed: true, actual: 'decision', expected: ['decision'] },
        { rule: 'exclude_email_domains', passed: false, actual: 'gmail.com', expected: ['gmail.com'] },
        { rule: 'require_activity', passed: true, actual: ['downloaded'], expected: ['downloaded'] },
      ],
    });
  });

  it("applies a campaign's override in place of those base rules only, and says so", () => {
    const rules: MqlRules = { min_score: 60, stages: ['decision'], campaigns: { 'q4-ai-webinar': { min_score: 40 } } };
    expect(qualify(rules, lead({ score: 45, stage: 'decision', campaign: 'Q4-AI-Webinar' }))).toEqual({
      qualified: true,
      met: ['score 45 ≥ 40 (q4-ai-webinar rule)', 'stage decision is allowed'],
      failed: [],
      checks: [
        { rule: 'min_score', passed: true, actual: 45, expected: 40, campaign: 'q4-ai-webinar' },
        { rule: 'stages', passed: true, actual: 'decision', expected: ['decision'] },
      ],
    });
    expect(qualify(rules, lead({ score: 45, stage: 'consideration', campaign: 'q4-ai-webinar' })).failed).toEqual(['stage consideration is not allowed']);
    expect(qualify(rules, lead({ score: 45, stage: 'decision', campaign: 'other' })).failed).toEqual(['score 45 is below 60']);
    expect(qualify(rules, lead({ score: 45, stage: 'decision', campaign: 'constructor' })).failed).toEqual(['score 45 is below 60']);
  });
});
