import type { Deps } from '../../deps.ts';
import { rulesHash } from './canonical.ts';
import type { MqlRules } from './rules.ts';
import { readState, writeState } from './state.ts';
import { takeTurnsOn } from '../../db/locks.ts';

export const ANNOUNCED_KEY = 'mql.definition.announced';

interface Announced {
  hash: string;
  /** Counts changes, so going back to an earlier definition is announced again (its dedupe key differs). */
  generation: number;
  rules: MqlRules | null;
}

/**
 * Tells the marketing and sales channels when the definition this process loaded differs from
 * the last one announced. Two replicas starting together, or a restart, announce once: the
 * outbox dedupe key holds the generation and the new hash.
 */
export async function announceDefinitionChange(deps: Pick<Deps, 'config' | 'mqlRules' | 'notices'>): Promise<{ announced: boolean }> {
  const { config } = deps;
  const rules = deps.mqlRules;
  const hash = rulesHash(rules);
  const announced = await deps.notices.transaction(async (out) => {
    const { trx, now } = out;
    // Replicas starting together read and count the generation one after the other.
    await takeTurnsOn(trx, ANNOUNCED_KEY);
    const last = await readState<Announced>(trx, ANNOUNCED_KEY);
    if (last?.hash === hash) return false;
    const generation = (last?.generation ?? 0) + 1;
    const next: Announced = { hash, generation, rules: rules ?? null };
    // Never set and still unset: nothing to tell anyone.
    if (!last && !rules) {
      await writeState(trx, ANNOUNCED_KEY, next, now);
      return false;
    }
    const channels = [config.marketingChannel, config.salesChannel].filter((c): c is string => Boolean(c));
    for (const channel of new Set(channels)) {
      await out.post(channel, { type: 'mql.definition_changed', before: last?.rules ?? undefined, after: rules, first: !last }, { dedupeKey: `mql-definition:${generation}:${hash}:${channel}` });
    }
    await writeState(trx, ANNOUNCED_KEY, next, now);
    return channels.length > 0;
  });
  return { announced };
}
