import { describe, expect, it } from 'vitest';
import { qualify } from '../../src/domain/mql/qualify.ts';
import { qualifiedInWords } from '../../src/views/lead-dm.ts';

// The DM says why a lead qualified in a rep's words, from the checks Handoff now stores, and the
// same words for leads stored before the checks were kept (only sentences).

describe('why a lead qualified, in words', () => {
  const rules = { min_score: 60, required: ['company', 'title', 'fields.budget'], stages: ['consideration'], exclude_email_domains: ['gmail.com'], require_activity: ['downloaded'], campaigns: { 'q4-ai-webinar': { min_score: 40 } } };
  const facts = (over: Record<string, unknown> = {}) => ({
    email: 'ada@analytical.example', score: 72, stage: 'consideration', campaign: 'other', activities: [{ type: 'downloaded' }],
    values: { company: 'Analytical Engines', title: 'CTO', fields: { budget: 'approved' } }, ...over,
  });

  it('reads the same from checks and from stored sentences', () => {
    for (const over of [{}, { score: 45, campaign: 'q4-ai-webinar' }]) {
      const q = qualify(rules, facts(over) as never);
      expect(q.qualified).toBe(true);
      const fromChecks = qualifiedInWords(q);
      const fromSentences = qualifiedInWords({ met: q.met });
      expect(fromChecks).toBe(fromSentences);
    }
    expect(qualifiedInWords(qualify(rules, facts() as never))).toBe('✔️ *Qualified:* shared company, title and budget · downloaded content');
    expect(qualifiedInWords(qualify(rules, facts({ score: 45, campaign: 'q4-ai-webinar' }) as never))).toBe("✔️ *Qualified:* score over q4-ai-webinar's own bar · shared company, title and budget · downloaded content");
  });
});
