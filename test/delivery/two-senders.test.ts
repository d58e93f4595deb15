import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import type { DeliveryOutcome } from '../../src/delivery/hooks.ts';
import { DELIVERY_HOOKS } from '../../src/main.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import { startTestApp } from '../support/harness.ts';
import { outboxIdsIn, until } from './support.ts';

describe('two senders on one database', () => {
  afterEach(() => { delete DELIVERY_HOOKS['two-senders-test']; });

  it('delivers 200 rows between them with no row sent twice, each channel in order', async () => {
    // Pace is not what this test is about: let each channel take posts quickly.
    const outbox = { perChannelIntervalMs: 5 };
    const first = await startTestApp({ outbox });
    const second = await startTestApp({ outbox, databaseUrl: first.databaseUrl, reuseStandIn: first.standIn });
    const told: Array<{ by: Deps['dbHandle']; ref: string; outcome: DeliveryOutcome }> = [];
    DELIVERY_HOOKS['two-senders-test'] = async (deps, ref, outcome) => { told.push({ by: deps.dbHandle, ref, outcome }); };
    try {
      const channels = Array.from({ length: 20 }, (_, i) => `C0PAIR${String(i).padStart(3, '0')}`);
      const ids: number[] = [];
      await first.handoff.deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 200; i += 1) {
          const channel = channels[i % channels.length];
          const { id } = await enqueue(trx, first.clock.now(), {
            kind: 'slack.post', target: channel, payload: { channel, text: `message ${i}` }, refType: 'two-senders-test', refId: String(i),
          });
          ids.push(id!);
        }
      });
      first.handoff.deps.outboxDoorbell.ring();
      second.handoff.deps.outboxDoorbell.ring();

      await until('all 200 to be sent', async () => {
        const { n } = await first.handoff.deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();
        return Number(n) === 200;
      }, 15_000);

      const posted = first.standIn.okCalls('chat.postMessage').map((c) => c.args.metadata.event_payload.outbox_id);
      expect(posted).toHaveLength(200);
      expect(new Set(posted).size).toBe(200);
      for (const channel of channels) {
        const inChannel = outboxIdsIn(first, channel);
        expect(inChannel).toHaveLength(10);
        expect(inChannel).toEqual([...inChannel].sort((a, b) => a - b));
      }
      // Each row's feature heard about it exactly once, and both senders did part of the work.
      expect(told).toHaveLength(200);
      expect(new Set(told.map((t) => t.ref)).size).toBe(200);
      const byFirst = told.filter((t) => t.by === first.handoff.deps.dbHandle).length;
      expect(byFirst).toBeGreaterThan(0);
      expect(byFirst).toBeLessThan(200);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
