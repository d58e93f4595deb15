import { describe, expect, it } from 'vitest';
import { AckFirstTurns } from '../../src/db/ack-first-turns.ts';

describe('turns for work past the ack', () => {
  it('grants one turn per pass of the event loop, in the order asked, so other callbacks run between them', async () => {
    const turns = new AckFirstTurns();
    const order: string[] = [];
    const works = [1, 2, 3].map((n) => turns.turn().then(() => { order.push(`work ${n}`); }));
    // Stands for a request read in between: it must not wait for all three pieces of work.
    setImmediate(() => order.push('other'));
    await Promise.all(works);
    expect(order).toEqual(['work 1', 'other', 'work 2', 'work 3']);
    expect(turns.waitingCount).toBe(0);
  });

  it('keeps granting turns asked for after the queue ran empty', async () => {
    const turns = new AckFirstTurns();
    await turns.turn();
    await turns.turn();
    expect(turns.waitingCount).toBe(0);
  });

  it('serves a listener past its ack before background work that asked earlier', async () => {
    const turns = new AckFirstTurns();
    const order: string[] = [];
    const background = turns.backgroundTurn().then(() => { order.push('outbox'); });
    const listener = turns.turn().then(() => { order.push('click'); });
    await Promise.all([background, listener]);
    expect(order).toEqual(['click', 'outbox']);
  });
});
