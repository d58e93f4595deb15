import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DatabaseHandle } from '../db/handle.ts';
import type { Database } from '../db/schema.ts';
import { enqueue, enqueueMany, type OutboxItem } from '../delivery/outbox.ts';
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
    const message = render(notice, now);
    return { kind: 'slack.post', target: channel, payload: { channel, ...message }, ...options };
  }

  function outgoing(trx: Transaction<Database>, now: Date) {
    const homes = new Set<string>();
    let wake = false;
    const out: Outgoing = {
      trx,
      now,
      async post(channel, notice, options) {
        wake = true;
        return enqueue(trx, now, postItem(now, channel, notice, options));
      },
      async postMany(items) {
        if (items.length === 0) return 0;
        wake = true;
        return enqueueMany(trx, now, items.map(({ channel, notice, ...options }) => postItem(now, channel, notice, options)));
      },
      async update(message, notice, options = {}) {
        wake = true;
        const rendered = render(notice, now);
        return enqueue(trx, now, { kind: 'slack.update', target: message.channel, payload: { channel: message.channel, ts: message.ts, ...rendered }, ...options });
      },
      wakeSender() {
        wake = true;
      },
      refreshHome(...people) {
        for (const person of people) if (person) homes.add(person);
      },
    };
    const afterCommit = () => {
      if (wake) parts.wakeSender();
      for (const person of homes) parts.refreshHome(person);
    };
    return { out, afterCommit };
  }

  return {
    async transaction(work, options = {}) {
      const run = (db: Kysely<Database>) =>
        db.transaction().execute(async (trx) => {
          const unit = outgoing(trx, options.now ?? parts.clock.now());
          return { result: await work(unit.out), afterCommit: unit.afterCommit };
        });
      const db = options.db ?? parts.dbHandle.db;
      const { result, afterCommit } = options.durably ? await parts.dbHandle.durably(run) : await run(db);
      afterCommit();
      return result;
    },
  };
}
