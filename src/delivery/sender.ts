import type { Deps } from '../deps.ts';

export interface OutboxSender {
  wake(): void;
  stop(): Promise<void>;
}

/** Sends what the outbox holds. */
export function startOutboxSender(_deps: Omit<Deps, 'wakeOutbox'>): OutboxSender {
  return { wake() {}, async stop() {} };
}
