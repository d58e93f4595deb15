import type { Deps } from '../deps.ts';
import { leadDmDelivered } from '../domain/leads/delivery.ts';

export type DeliveryOutcome =
  | { ok: true; channel: string; ts: string }
  | { ok: false; error: string };

/** Told when a row with this ref_type is delivered or given up on (a permanent error). */
export type DeliveryHook = (deps: Deps, refId: string, outcome: DeliveryOutcome) => Promise<void>;

/** ref_type → hook. Features that must learn a message's fate (e.g. a lead's DM ts) add theirs here. */
export const DELIVERY_HOOKS: Record<string, DeliveryHook> = {
  lead: leadDmDelivered,
};
