import type { Deps } from '../../deps.ts';
import { enqueue, type SlackPostPayload } from '../../delivery/outbox.ts';
import { definitionChangeMessage } from '../../views/mql-definition.ts';
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
export async function announceDefinitionChange(deps: Deps): Promise<{ announced: boolean }> {
  const { db, clock, config } = deps;
  const rules = deps.mqlRules;
  const hash = rulesHash(rules);
  const announced = await db.transaction().execute(async (trx) => {
    const now = clock.now();
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
    const message = definitionChangeMessage({ before: last?.rules ?? undefined, after: rules, first: !last });
    const channels = [config.marketingChannel, config.salesChannel].filter((c): c is string => Boolean(c));
    for (const channel of new Set(channels)) {
      const payload: SlackPostPayload = { channel, ...message };
      await enqueue(trx, now, {
        kind: 'slack.post',
        target: channel,
        payload,
        dedupeKey: `mql-definition:${generation}:${hash}:${channel}`,
      });
    }
    await writeState(trx, ANNOUNCED_KEY, next, now);
    return channels.length > 0;
  });
  if (announced) deps.wakeOutbox();
  return { announced };
}
