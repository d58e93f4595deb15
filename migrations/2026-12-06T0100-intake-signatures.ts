import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// A signed intake request is valid for five minutes; each signature is kept that long (and a
// little more) so the same request sent again inside the window is refused, not re-applied.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('intake_signatures')
    .addColumn('signature', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('route', 'varchar(64)', (c) => c.notNull())
    .addColumn('seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intake_signatures_expiry').on('intake_signatures').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('intake_signatures').execute();
}
