import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// Routing: reps who said they are away (`/handoff away`), and how many leads each pool has given
// each rep, which its weighted round robin evens out.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rep_away')
    .addColumn('user_id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('until', 'varchar(32)', (c) => c.notNull())
    .addColumn('set_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('routing_counts')
    .addColumn('pool', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('assigned', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_counts_key', ['pool', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('routing_counts').execute();
  await db.schema.dropTable('rep_away').execute();
}
