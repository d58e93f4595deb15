import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Tally } from './rate.ts';

/** Useful / not-useful counts for many assets in one query (assets nobody rated are absent). */
export async function talliesFor(db: Kysely<Database>, assetIds: number[]): Promise<Map<number, Tally>> {
  if (assetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('content_ratings')
    .select((eb) => [
      'asset_id',
      eb.fn.sum<number>(eb.case().when('verdict', '=', 'useful').then(1).else(0).end()).as('useful'),
      eb.fn.sum<number>(eb.case().when('verdict', '=', 'not_useful').then(1).else(0).end()).as('notUseful'),
    ])
    .where('asset_id', 'in', assetIds)
    .groupBy('asset_id')
    .execute();
  return new Map(rows.map((r) => [r.asset_id, { useful: Number(r.useful), notUseful: Number(r.notUseful) }]));
}
