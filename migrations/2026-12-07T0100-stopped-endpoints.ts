import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// Event receivers that answered 410 Gone: nothing more is sent to them until an admin starts
// them again. Kept in the database so every replica, and a restart, honours the stop.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stopped_endpoints')
    .addColumn('url', 'varchar(2048)', (c) => c.primaryKey())
    .addColumn('reason', 'varchar(256)', (c) => c.notNull())
    .addColumn('dropped', 'integer', (c) => c.notNull())
    .addColumn('stopped_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stopped_endpoints').execute();
}
