import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** When each digest channel last got its weekly digest (null: never). */
export async function lastDigestPerChannel(db: Kysely<Database>, channels: string[]): Promise<{ channel: string; at: string | null }[]> {
  if (channels.length === 0) return [];
  const rows = await db
    .selectFrom('digest_posts')
    .select((eb) => ['channel', eb.fn.max('created_at').as('at')])
    .where('channel', 'in', channels)
    .groupBy('channel')
    .execute();
  return channels.map((channel) => ({ channel, at: rows.find((r) => r.channel === channel)?.at ?? null }));
}
