import { afterEach, describe, expect, it } from 'vitest';
import { describeRejectionInsight, rejectionsAgainstDefinition } from '../../src/domain/mql/insights.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { insertLead } from './support.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe("reps' rejections set against the definition", () => {
  it('counts rejections per reason out of the leads handed over, with the score range', async () => {
    app = await startTestApp();
    const db = app.handoff.deps.db;
    const week = (day: number) => `2026-11-${String(16 + day).padStart(2, '0')}T10:00:00.000Z`;
    const rejected = (id: string, reason: string, score: number | null, day = 1) =>
      insertLead(db, { id, status: 'rejected', delivery: 'delivered', reject_reason: reason, score, received_at: week(day) });
    await rejected('a', 'too_early', 50);
    await rejected('b', 'too_early', 60);
    await rejected('c', 'too_early', 55);
    await rejected('d', 'no_budget', 70);
    await rejected('e', 'no_budget', null);
    await rejected('outside', 'too_early', 10, 10);
    await insertLead(db, { id: 'f', status: 'accepted', delivery: 'delivered', score: 80, received_at: week(2) });
    await insertLead(db, { id: 'g', status: 'new', delivery: 'delivered', score: 80, received_at: week(2) });
    await insertLead(db, { id: 'held', status: 'held', received_at: week(2) });

    const rows = await rejectionsAgainstDefinition(db, new Date('2026-11-16T00:00:00Z'), new Date('2026-11-23T00:00:00Z'));
    expect(rows).toEqual([
      { reason: 'too_early', rejected: 3, of: 7, minScore: 50, maxScore: 60, unscored: 0 },
      { reason: 'no_budget', rejected: 2, of: 7, minScore: 70, maxScore: 70, unscored: 1 },
    ]);
    expect(rows.map(describeRejectionInsight)).toEqual([
      '3 of 7 leads rejected as too early — all scored 50–60',
      '2 of 7 leads rejected as no budget — 1 scored 70, 1 had no score',
    ]);
  });

  it('describes the row of the contract in plain words', () => {
    expect(describeRejectionInsight({ reason: 'too_early', rejected: 12, of: 40, minScore: 50, maxScore: 60, unscored: 0 })).toBe(
      '12 of 40 leads rejected as too early — all scored 50–60',
    );
    expect(describeRejectionInsight({ reason: 'other', rejected: 2, of: 9, minScore: 61, maxScore: 61, unscored: 0 })).toBe(
      '2 of 9 leads rejected for other reasons — all scored 61',
    );
    expect(describeRejectionInsight({ reason: 'wrong_persona', rejected: 1, of: 1, minScore: null, maxScore: null, unscored: 1 })).toBe(
      '1 of 1 lead rejected as wrong persona — none had a score',
    );
  });
});
