import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { OutboxRow } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { Attempt } from './attempt.ts';
import { claimRow, dueRows, expireClaimsOfDeadSenders, releaseClaims } from './claim.ts';
import type { DeliveryHooks, DeliveryOutcome } from './hooks.ts';
import { OUTBOX_DEFAULTS, type OutboxSenderOptions } from './options.ts';
import type { SlackPostPayload, SlackUpdatePayload, WebhookPayload } from './outbox.ts';
import { ChannelPace } from './pace.ts';
import { retryPlan } from './retry-plan.ts';
import { schedulingClock } from './schedule-clock.ts';
import { SlackDelivery } from './send-slack.ts';
import { sendCrmWrite } from './send-crm.ts';
import { sendWebhook } from './send-webhook.ts';
import type { CrmWrite } from '../domain/crm/write-back.ts';
import { urlWithoutQuery } from '../url-without-query.ts';
import { markFailed, markSent, reschedule } from './settle.ts';
import { stopEndpoint } from './stop-endpoint.ts';

export type { OutboxSenderOptions } from './options.ts';

export interface OutboxSender {
  wake(): void;
  stop(): Promise<void>;
}

/** How often a sender looks for claims left by a process on this machine that died. */
const DEAD_CLAIMS_CHECK_MS = 10_000;

/**
 * Sends what the outbox holds: claims due rows atomically (several senders may share the
 * database), sends each at most one per target at a time and in id order, keeps Slack's
 * per-channel pace, owns every retry, and tells the row's feature (its hook, by ref_type) once it is
 * delivered or given up on.
 */
export function startOutboxSender(deps: Deps, hooks: DeliveryHooks, options: OutboxSenderOptions = {}): OutboxSender {
  const opts = { ...OUTBOX_DEFAULTS, ...options };
  const host = hostname().slice(0, 40);
  const me = options.senderId ?? `${host}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let deadClaimsCheckedAt = -Infinity;
  const log = deps.logger.child({ component: 'outbox' });
  const clock = schedulingClock(deps.clock);
  const slack = new SlackDelivery(deps.slack, log);
  const pace = new ChannelPace(opts.perChannelIntervalMs, () => clock.now().getTime());

  const inFlight = new Map<number, Promise<void>>();
  const busyTargets = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  function wake(): void {
    if (stopped) return;
    if (ticking) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(tick, 0);
    timer.unref();
  }

  function tick(): void {
    if (stopped || ticking) return;
    ticking = (async () => {
      let nextIn: number = opts.pollIntervalMs;
      try {
        do {
          again = false;
          nextIn = Math.min(opts.pollIntervalMs, await fill());
        } while (again && !stopped);
      } catch (error) {
        log.error({ err: error }, 'the outbox sender could not read its queue; trying again shortly');
      } finally {
        ticking = undefined;
        if (!stopped) {
          timer = setTimeout(tick, Math.max(1, Math.ceil(nextIn)));
          timer.unref();
        }
      }
    })();
  }

  /** Claims and starts what may go now; returns how soon a paced channel frees up. */
  async function fill(): Promise<number> {
    let soonest = Infinity;
    if (inFlight.size >= opts.maxInFlight) return soonest;
    // Each synchronous database step waits its turn, so a busy outbox never holds up Slack's acks.
    await deps.dbHandle.turns.backgroundTurn();
    if (clock.now().getTime() - deadClaimsCheckedAt >= DEAD_CLAIMS_CHECK_MS) {
      deadClaimsCheckedAt = clock.now().getTime();
      const freed = await expireClaimsOfDeadSenders(deps.db, host, clock.now());
      if (freed > 0) log.info({ freed }, 'took over the rows of a sender on this machine that is gone, checking Slack before resending them');
    }
    const rows = await dueRows(deps.db, clock.now(), opts.batchSize);
    const claimed: OutboxRow[] = [];
    for (const row of rows) {
      if (stopped || inFlight.size + claimed.length >= opts.maxInFlight) break;
      if (busyTargets.has(row.target)) continue;
      const wait = pace.wait(paceKey(row), row.kind === 'slack.post');
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        continue;
      }
      await deps.dbHandle.turns.backgroundTurn();
      if (!(await deps.dbHandle.deferSync((db) => claimRow(db, row, me, clock.now(), opts.claimLeaseMs)))) continue;
      busyTargets.add(row.target);
      claimed.push(row);
    }
    if (claimed.length === 0) return soonest;
    // A claim is on disk before its send: after a crash or power loss, the row counts as uncertain
    // and its retry asks Slack's history first. One fsync covers all the claims of this round.
    try {
      await deps.dbHandle.synced();
    } catch (error) {
      for (const row of claimed) busyTargets.delete(row.target);
      throw error;
    }
    for (const row of claimed) start({ ...row, attempts: row.attempts + 1 }, row.uncertain_at !== null || row.claimed_by !== null);
    return soonest;
  }

  function paceKey(row: OutboxRow): string {
    return row.kind === 'webhook' || row.kind === 'crm' ? row.target : slack.channelOf(row.target);
  }

  /** Sends a claimed row; its target is already marked busy (fill did it at the claim). */
  function start(row: OutboxRow, uncertain: boolean): void {
    const sending = deliver(row, uncertain)
      .catch((error: unknown) => log.error({ err: error, outboxId: row.id }, 'could not record the outcome of an outbox send; the row will be retried after its claim lapses'))
      .finally(() => {
        inFlight.delete(row.id);
        busyTargets.delete(row.target);
        wake();
      });
    inFlight.set(row.id, sending);
  }

  async function deliver(row: OutboxRow, uncertain: boolean): Promise<void> {
    const attempt = await send(row, uncertain);
    await deps.dbHandle.turns.backgroundTurn();
    // A post that landed, or may have, counts toward the channel's pace; a refusal does not.
    if (row.kind === 'slack.post' && (attempt.sent || (attempt.failure.type === 'transient' && attempt.failure.ambiguous))) {
      pace.posted(attempt.sent ? attempt.channel : attempt.pauseKey);
    }
    if (attempt.sent) {
      // Without an fsync: the claim that made this send is durable, so if a power loss takes these
      // writes back, the claim lapses, the row counts as uncertain, and its retry asks Slack's
      // history before posting; the lead's record is then redone by its hook.
      await deps.dbHandle.deferSync(async (db) => {
        if (!(await markSent(db, row, attempt.result, deps.clock.now()))) return;
        if (row.attempts > 1) log.info({ outboxId: row.id, kind: row.kind, attempts: row.attempts }, 'delivered after retrying');
        // The hook writes in the sender's write (on SQLite, one without an fsync of its own).
        await tellHook({ ...deps, db, notices: deps.notices.on(db) }, row, { ok: true, channel: attempt.channel, ts: attempt.ts, to: row.target });
      });
      return;
    }
    const plan = retryPlan(row, attempt.failure, opts, deps.clock.now());
    log[plan.level]({ outboxId: row.id, kind: row.kind, target: loggable(row), attempt: row.attempts, error: attempt.failure.error, retryInMs: plan.delayMs }, plan.message);
    if (attempt.failure.type === 'gone') {
      if (await stopEndpoint(deps.db, row, deps.clock.now(), deps.config.marketingChannel)) wake();
      return;
    }
    if (plan.delayMs === undefined) {
      const failed = await markFailed(deps.db, row, attempt.failure.error, deps.clock.now(), deps.config.marketingChannel);
      if (failed.noticeQueued) wake();
      if (failed.changed) await tellHook(deps, row, { ok: false, error: attempt.failure.error });
      return;
    }
    if (attempt.failure.type === 'rate_limited') pace.pause(attempt.pauseKey, plan.delayMs);
    const ambiguous = attempt.failure.type === 'transient' && attempt.failure.ambiguous && row.kind === 'slack.post';
    // A row that was already uncertain (a lapsed claim: its sender was killed mid-post) stays so
    // until a post is known to have landed; otherwise the retry after e.g. a 429 would post blind.
    // Without an fsync: losing it to a power loss leaves the claim, which lapses into the same retry.
    const nextAttemptAt = new Date(clock.now().getTime() + plan.delayMs);
    await deps.dbHandle.deferSync((db) => reschedule(db, row, me, {
      nextAttemptAt,
      error: attempt.failure.error,
      uncertainAt: ambiguous || (uncertain && row.kind === 'slack.post') ? deps.clock.now() : undefined,
    }));
  }

  async function send(row: OutboxRow, uncertain: boolean): Promise<Attempt> {
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      return { sent: false, failure: { type: 'permanent', error: 'unreadable_payload' }, pauseKey: row.target };
    }
    switch (row.kind) {
      case 'slack.post':
        return slack.post(row, payload as SlackPostPayload, uncertain);
      case 'slack.update':
        return slack.update(row, payload as SlackUpdatePayload);
      case 'webhook':
        return sendWebhook(row.target, payload as WebhookPayload, { secrets: deps.config.outboundSecrets, timeoutMs: opts.webhookTimeoutMs, now: deps.clock.now(), sentAt: new Date() });
      case 'crm':
        return sendCrmWrite(payload as CrmWrite, deps.crm, () => deps.clock.now().getTime());
      default:
        return { sent: false, failure: { type: 'permanent', error: `unknown_kind:${String(row.kind)}` }, pauseKey: row.target };
    }
  }

  async function tellHook(depsForHook: Deps, row: OutboxRow, outcome: DeliveryOutcome): Promise<void> {
    if (!row.ref_type || row.ref_id === null || !Object.hasOwn(hooks, row.ref_type)) return;
    try {
      await hooks[row.ref_type](depsForHook, row.ref_id, outcome);
    } catch (error) {
      // The message is out (or given up on) either way; sending it again would not fix the hook.
      log.error({ err: error, outboxId: row.id, refType: row.ref_type, refId: row.ref_id }, 'a delivery hook failed');
    }
  }

  const stopAnswering = deps.outboxDoorbell.answerWith(wake);
  tick();

  return {
    wake,
    async stop() {
      if (stopped) return;
      stopped = true;
      stopAnswering();
      clearTimeout(timer);
      await ticking;
      const sends = [...inFlight.values()];
      if (sends.length > 0) {
        let timeout: NodeJS.Timeout | undefined;
        const waited = new Promise<void>((resolve) => { timeout = setTimeout(resolve, opts.stopTimeoutMs); });
        await Promise.race([Promise.allSettled(sends), waited]);
        clearTimeout(timeout);
      }
      const stillSending = [...inFlight.keys()];
      if (stillSending.length > 0) {
        log.warn({ outboxIds: stillSending }, 'stopping with sends still in flight: those rows are retried once their claim lapses, after checking whether they arrived');
      }
      try {
        await releaseClaims(deps.db, me, stillSending);
      } catch (error) {
        log.error({ err: error }, 'could not release outbox claims; they lapse by themselves');
      }
    },
  };
}

/** A webhook URL's query may hold a token: log only where it goes. */
function loggable(row: OutboxRow): string {
  if (row.kind !== 'webhook') return row.target;
  return urlWithoutQuery(row.target) ?? '(invalid url)';
}
