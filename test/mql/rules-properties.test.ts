import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRules } from '../../src/domain/mql/parse-rules.ts';
import { qualify, type LeadFacts } from '../../src/domain/mql/rules.ts';

const ruleish = fc.record(
  {
    min_score: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
    required: fc.array(fc.oneof(fc.constantFrom('company', 'title', 'fields.budget', 'compnay'), fc.string())),
    stages: fc.array(fc.string()),
    exclude_email_domains: fc.array(fc.oneof(fc.domain(), fc.string())),
    require_activity: fc.oneof(fc.array(fc.string()), fc.string()),
    campaigns: fc.dictionary(fc.string(), fc.anything()),
    typo: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('rules files of any shape', () => {
  it('are either accepted or refused with at least one problem, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(ruleish, fc.anything()), (data) => {
        const { rules, problems } = validateRules(data);
        expect(Boolean(rules) !== problems.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('qualify every lead without crashing, and a lead qualifies exactly when nothing failed', () => {
    const lead: fc.Arbitrary<LeadFacts> = fc.record({
      email: fc.oneof(fc.emailAddress(), fc.string()),
      score: fc.oneof(fc.double(), fc.constant(null)),
      stage: fc.oneof(fc.string(), fc.constant(null)),
      campaign: fc.oneof(fc.string(), fc.constant(null)),
      activities: fc.array(fc.record({ type: fc.string() })),
      values: fc.dictionary(fc.string(), fc.anything()),
    });
    fc.assert(
      fc.property(ruleish, lead, (data, facts) => {
        const { rules } = validateRules(data);
        if (!rules) return;
        const q = qualify(rules, facts);
        expect(q.qualified).toBe(q.failed.length === 0);
      }),
      { numRuns: 500 },
    );
  });
});
