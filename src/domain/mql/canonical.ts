import { createHash } from 'node:crypto';
import type { MqlRules } from './rules.ts';

// Two files that say the same thing (keys reordered, lists reordered, YAML vs JSON) are the
// same definition: the hash is taken over a canonical form so only real changes are announced.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return [...new Set(value.map((v) => JSON.stringify(canonical(v))))].sort().map((v) => JSON.parse(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function canonicalRules(rules: MqlRules | undefined): string {
  return JSON.stringify(rules === undefined ? null : canonical(rules));
}

/** Short and stable: goes into outbox dedupe keys and app_state. */
export function rulesHash(rules: MqlRules | undefined): string {
  return createHash('sha256').update(canonicalRules(rules)).digest('hex').slice(0, 16);
}
