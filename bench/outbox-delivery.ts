// 3. How fast the outbox empties into Slack: messages queued (through the app's own enqueue) before
// Handoff starts, timed by the stand-in from the first post it sees to the last one it accepts.

import { join } from 'node:path';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { enqueue } from '../src/delivery/outbox.ts';
import { SlackStandIn } from '../src/standin/slack-standin.ts';
import { startHandoffProcess } from '../test/support/handoff-process.ts';
import { runTsJson } from './support/child.ts';
import { waitUntil, type Bench, type BenchContext } from './support/context.ts';
import { benchMessage } from './support/outbox-messages.ts';
import type { Row } from './support/report.ts';

const UNPACED = { messages: 5000 };
const PACED = { messages: 1000, channels: 50, perSecond: 1 };
const WITHIN = 1.1;

const channels = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `C${prefix}${String(i).padStart(5, '0')}`);

async function seedOutbox(path: string, targets: string[], perTarget: number): Promise<void> {
  const handle = openDatabase(path);
  await migrateToLatest(handle.db);
  const now = new Date();
  await handle.db.transaction().execute(async (trx) => {
    for (let n = 0; n < perTarget; n++) {
      for (const target of targets) {
        await enqueue(trx, now, { kind: 'slack.post', target, payload: benchMessage(target, n), dedupeKey: `bench:${target}:${n}` });
      }
    }
  });
  await handle.close();
}

/** The sender's concurrency, so the baseline loop runs as many posts at once. */
async function senderConcurrency(): Promise<number> {
  try {
    const options: any = await import('../src/delivery/options.ts' as string);
    return Number(options.OUTBOX_DEFAULTS?.maxInFlight) || 8;
  } catch {
    return 8;
  }
}

/** Milliseconds from the first chat.postMessage the stand-in saw to the last one it accepted, once `count` are in. */
async function deliverySpan(standIn: SlackStandIn, count: number, timeoutMs: number): Promise<{ ms: number; duplicates: number; faults: number }> {
  await waitUntil(`${count} messages at the stand-in`, () => standIn.okCalls('chat.postMessage').length >= count, timeoutMs, 50);
  const calls = standIn.callsTo('chat.postMessage');
  const ok = calls.filter((c) => c.ok);
  const ids = ok.map((c) => String(c.args.metadata?.event_payload?.outbox_id ?? `${c.args.channel}/${c.args.text}`));
  return {
    ms: Math.max(...ok.map((c) => c.at)) - Math.min(...calls.map((c) => c.at)),
    duplicates: ids.length - new Set(ids).size,
    faults: calls.length - ok.length,
  };
}

async function handoffDelivery(ctx: BenchContext, name: string, targets: string[], perTarget: number, perChannelPerSec?: number) {
  const dbPath = join(ctx.dir, `outbox-${name}.db`);
  await seedOutbox(dbPath, targets, perTarget);
  const standIn = await SlackStandIn.start({ perChannelPerSec });
  const handoff = await startHandoffProcess({ databasePath: dbPath, slackApiUrl: standIn.url });
  try {
    const count = targets.length * perTarget;
    try {
      await waitUntil('the first post', () => standIn.callsTo('chat.postMessage').length > 0, 10_000, 20);
    } catch {
      return undefined;
    }
    return await deliverySpan(standIn, count, 180_000);
  } finally {
    await handoff.stop();
    await standIn.close();
  }
}

export const outboxDelivery: Bench = {
  name: 'outbox',
  async run(ctx) {
    const rows: Row[] = [];
    const concurrency = await senderConcurrency();

    // Unpaced: each message to its own channel, since the sender keeps Slack's 1/s per channel itself.
    const targets = channels(UNPACED.messages, 'BENCH');
    const baselineStandIn = await SlackStandIn.start();
    ctx.log(`outbox: baseline loop, ${UNPACED.messages} posts, ${concurrency} at a time`);
    await runTsJson('baselines/post-loop.ts', [], { SLACK_API_URL: baselineStandIn.url, TARGETS: targets.join(','), PER_TARGET: '1', CONCURRENCY: String(concurrency) });
    const baseline = await deliverySpan(baselineStandIn, UNPACED.messages, 1000);
    await baselineStandIn.close();

    ctx.log(`outbox: Handoff delivers ${UNPACED.messages} queued messages, no rate limit`);
    const unpaced = await handoffDelivery(ctx, 'unpaced', targets, 1);
    rows.push(unpaced
      ? { figure: `outbox: ${UNPACED.messages} DMs, no rate limit`, handoff: unpaced.ms / 1000, baseline: baseline.ms / 1000, unit: 's', goal: '—', met: unpaced.duplicates === 0 ? null : false,
        note: `${(UNPACED.messages / (unpaced.ms / 1000)).toFixed(0)} messages/s (baseline ${(UNPACED.messages / (baseline.ms / 1000)).toFixed(0)}/s); each to its own channel (the sender paces 1/s per channel itself); baseline: a plain WebClient loop, ${concurrency} posts at a time (the sender's maxInFlight). ${unpaced.duplicates} duplicates.` }
      : { figure: `outbox: ${UNPACED.messages} DMs, no rate limit`, handoff: null, baseline: baseline.ms / 1000, unit: 's', goal: '—', met: null, note: 'not measured: the outbox sender has not landed (nothing was posted within 10 s of start)' });

    const perChannel = PACED.messages / PACED.channels;
    const limitSec = (perChannel - 1) / PACED.perSecond;
    ctx.log(`outbox: Handoff delivers ${PACED.messages} messages over ${PACED.channels} channels at ${PACED.perSecond}/s/channel (limit ${limitSec} s)`);
    const paced = await handoffDelivery(ctx, 'paced', channels(PACED.channels, 'PACED'), perChannel, PACED.perSecond);
    rows.push(paced
      ? { figure: `outbox: ${PACED.messages} DMs, ${PACED.channels} channels at 1/s`, handoff: paced.ms / 1000, baseline: limitSec, unit: 's', goal: `≤ ${WITHIN}× the limit`, met: paced.ms / 1000 <= limitSec * WITHIN && paced.duplicates === 0,
        note: `baseline = the theoretical best: ${perChannel} posts per channel 1 s apart = ${limitSec} s from first to last (${PACED.messages} rather than 5,000 to keep the run short: 5,000 would be 99 s). ${paced.faults} posts answered 429; ${paced.duplicates} duplicates.` }
      : { figure: `outbox: ${PACED.messages} DMs, ${PACED.channels} channels at 1/s`, handoff: null, baseline: limitSec, unit: 's', goal: `≤ ${WITHIN}× the limit`, met: null, note: 'not measured: the outbox sender has not landed' });
    return rows;
  },
};
