import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Until a rep says `/handoff back`. */
export const AWAY_UNTIL_BACK = '9999-12-31T00:00:00.000Z';

/** `/handoff away`: pools skip this rep until `until` (their own leads still reach them). */
export async function setAway(db: Kysely<Database>, userId: string, until: Date | undefined, now: Date): Promise<void> {
  const values = { user_id: userId, until: until ? until.toISOString() : AWAY_UNTIL_BACK, set_at: now.toISOString() };
  await db.insertInto('rep_away').values(values).onConflict((oc) => oc.column('user_id').doUpdateSet({ until: values.until, set_at: values.set_at })).execute();
}

/** `/handoff back`: true when the rep was away. */
export async function setBack(db: Kysely<Database>, userId: string, now: Date): Promise<boolean> {
  const ended = await db.deleteFrom('rep_away').where('user_id', '=', userId).returning('until').executeTakeFirst();
  return ended !== undefined && ended.until > now.toISOString();
}
