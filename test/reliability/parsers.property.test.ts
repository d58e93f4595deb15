import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSla } from '../../src/domain/sla.ts';
import { briefIdFromMetadata } from '../../src/views/button-values.ts';
import { parseAssetLines, parseBriefForm } from '../../src/views/campaign-modal-parse.ts';
import { CAMPAIGN_BRIEF_BLOCKS } from '../../src/views/ids.ts';
import { anyViewState, briefFormState } from './support/arbitraries.ts';

// The pure parsers behind every input, thousands of times each: they never throw, and every
// refusal says in words what is wrong.

const RUNS = Number(process.env.HANDOFF_PROPERTY_PURE_RUNS ?? 3000);
const BLOCK_IDS = new Set<string>(Object.values(CAMPAIGN_BRIEF_BLOCKS));

describe('the campaign brief form parser', () => {
  it('reads any modal state as a brief or as errors on the form\'s own blocks, in sentences', () => {
    fc.assert(fc.property(fc.oneof(briefFormState, anyViewState, fc.anything()), fc.constantFrom('create', 'edit') as fc.Arbitrary<'create' | 'edit'>, (state, mode) => {
      const result = parseBriefForm(state, mode);
      if (result.ok) {
        expect(result.form.name.trim().length).toBeGreaterThan(0);
        return;
      }
      const entries = Object.entries(result.errors);
      expect(entries.length).toBeGreaterThan(0);
      for (const [block, message] of entries) {
        expect(BLOCK_IDS.has(block), `error on unknown block ${block}`).toBe(true);
        expect(message).toMatch(/^\S.*[.!?]$/s);
      }
    }), { numRuns: RUNS });
  });

  it('reads asset lines into http(s) assets or numbered problems, whatever is pasted', () => {
    const pasted = fc.oneof(fc.string({ maxLength: 400 }), fc.array(fc.string({ maxLength: 60 }), { maxLength: 30 }).map((l) => l.join('\n')), fc.constant(null));
    fc.assert(fc.property(pasted, (text) => {
      const { assets, problems } = parseAssetLines(text);
      for (const a of assets) expect(a.url).toMatch(/^https?:\/\//i);
      for (const p of problems) expect(p.length).toBeGreaterThan(0);
    }), { numRuns: RUNS });
  });

  it('takes a brief id from private_metadata only when Handoff could have written it', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.constant(undefined)), (metadata) => {
      const id = briefIdFromMetadata(metadata);
      if (id !== undefined) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
    }), { numRuns: RUNS });
  });
});

describe('the LEAD_SLA parser', () => {
  it('returns positive durations or a message naming the bad part', () => {
    const slaText = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.array(fc.tuple(fc.constantFrom('decision', 'consideration', 'default', 'x', ''), fc.constantFrom('=', ' = ', ':'), fc.oneof(fc.nat(1000).map(String), fc.constantFrom('0', '1.5', '-1', '1e3')), fc.constantFrom('m', 'h', 'd', 'y', '')), { maxLength: 5 })
        .map((parts) => parts.map(([s, eq, n, u]) => `${s}${eq}${n}${u}`).join(',')),
    );
    fc.assert(fc.property(slaText, (text) => {
      const result = parseSla(text);
      if (typeof result === 'string') {
        expect(result.length).toBeGreaterThan(0);
        return;
      }
      for (const ms of [...Object.values(result.byStage), result.default]) expect(ms).toBeGreaterThan(0);
    }), { numRuns: RUNS });
  });
});
