import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DatabaseHandle } from '../db/handle.ts';
import type { Database } from '../db/schema.ts';
import { enqueue, enqueueMany, queuedRowsIn, type OutboxItem } from '../delivery/outbox.ts';
import type { Notice, NoticeOptions, Notifier, Outgoing } from '../domain/notices.ts';
import { renderNotice } from './render.ts';

export interface NotifierParts {
  dbHandle: DatabaseHandle;
  clock: Clock;
  timeZone: string;
  /** Tells the outbox sender to look now. */
  wakeSender(): void;
  /** Asks for a person's App Home to be published again. */
  refreshHome(userId: string): void;
}

/**
 * The one place notices become outbox rows: rendered by their views, in the transaction of the
 * change they report; and the one place that acts after the commit (the sender, the Homes).
 */
export function createNotifier(parts: NotifierParts): Notifier {
  const render = (notice: Notice, now: Date) => renderNotice(notice, parts.timeZone, now);

  function postItem(now: Date, channel: string, notice: Notice, options: NoticeOptions = {}): OutboxItem {
    return { kind: 'slack.post', target: channel, payload: { channel, ...render(notice, now) }, ...options };
  }

  function outgoing(trx: Transaction<Database>, now: Date): { out: Outgoing; homes: Set<string> } {
    const homes = new Set<string>();
    const out: Outgoing = {
      trx,
      now,
      post: (channel, notice, options) => enqueue(trx, now, postItem(now, channel, notice, options)),
      postMany: (items) => enqueueMany(trx, now, items.map(({ channel, notice, ...options }) => postItem(now, channel, notice, options))),
      update: (message, notice) =>
        enqueue(trx, now, { kind: 'slack.update', target: message.channel, payload: { channel: message.channel, ts: message.ts, ...render(notice, now) } }),
      refreshHome(...people) {
        for (const person of people) if (person) homes.add(person);
      },
    };
    return { out, homes };
  }

  function on(db: Kysely<Database>): Notifier {
    return {
      async transaction(work, options = {}) {
        const run = (into: Kysely<Database>) =>
          into.transaction().execute(async (trx) => {
            const { out, homes } = outgoing(trx, options.now ?? parts.clock.now());
            return { result: await work(out), queued: queuedRowsIn(trx), homes };
          });
        const { result, queued, homes } = options.durably ? await parts.dbHandle.durably(run) : await run(db);
        if (queued) parts.wakeSender();
        for (const person of homes) parts.refreshHome(person);
        return result;
      },
      on,
    };
  }

  return on(parts.dbHandle.db);
}
