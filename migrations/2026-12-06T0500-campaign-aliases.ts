import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// Other names leads may give for a campaign (a UTM value, a Marketo program name, a CRM
// campaign id), as a JSON list of strings.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('aliases').execute();
}
