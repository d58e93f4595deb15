import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

// What this feature remembers between runs (app_state rows under the "mql." prefix), as JSON.

export async function readState<T>(db: Kysely<Database>, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('app_state').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return undefined;
  }
}

export async function writeState(db: Kysely<Database>, key: string, value: unknown, now: Date): Promise<void> {
  const json = JSON.stringify(value);
  const at = now.toISOString();
  await db
    .insertInto('app_state')
    .values({ key, value: json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at }))
    .execute();
}
