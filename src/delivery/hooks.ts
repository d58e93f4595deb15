import type { Deps } from '../deps.ts';

export type DeliveryOutcome =
  /** `to`: the row's target, whom the message was for (a user id for a DM). */
  | { ok: true; channel: string; ts: string; to?: string }
  | { ok: false; error: string };

/** Told when a row with this ref_type is delivered or given up on (a permanent error). */
export type DeliveryHook = (deps: Deps, refId: string, outcome: DeliveryOutcome) => Promise<void>;

/** ref_type → hook: the composition root (main.ts) gives the sender the features' hooks. */
export type DeliveryHooks = Record<string, DeliveryHook>;
