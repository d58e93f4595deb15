import type { OutboxRow } from '../../src/db/schema.ts';
import { enqueue, type OutboxItem } from '../../src/delivery/outbox.ts';
import type { TestApp } from '../support/harness.ts';
import { waitFor } from '../support/wait.ts';

/** Queues a message the way features do (enqueue, then wake the sender); returns its outbox id. */
export async function send(app: TestApp, item: OutboxItem): Promise<number> {
  const { deps } = app.handoff;
  const { id } = await enqueue(deps.db, deps.clock.now(), item);
  deps.outboxDoorbell.ring();
  return id!;
}

export function post(app: TestApp, target: string, text: string, extra: Partial<OutboxItem> = {}): Promise<number> {
  return send(app, { kind: 'slack.post', target, payload: { channel: target, text }, ...extra });
}

export async function row(app: TestApp, id: number): Promise<OutboxRow> {
  return app.handoff.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Polls until the condition holds (no fixed sleeps); fails with the description after the timeout. */
export function until<T>(what: string, check: () => T | Promise<T>, timeoutMs = 5_000): Promise<NonNullable<T>> {
  return waitFor(check, what, { timeoutMs, intervalMs: 10, accept: 'truthy' }) as Promise<NonNullable<T>>;
}

export async function rowIs(app: TestApp, id: number, status: OutboxRow['status'], timeoutMs = 5_000): Promise<OutboxRow> {
  return until(`outbox #${id} to be ${status}`, async () => {
    const r = await row(app, id);
    return r.status === status ? r : undefined;
  }, timeoutMs);
}

/** The outbox ids carried in the metadata of the messages a channel holds, in post order. */
export function outboxIdsIn(app: TestApp, channel: string): number[] {
  return app.standIn.messages(channel).map((m) => Number(m.metadata?.event_payload?.outbox_id));
}
