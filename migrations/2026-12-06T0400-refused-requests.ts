import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// Intake requests Handoff refused (400, 401, 413), counted per route, answer, reason and hour:
// a CRM that gets a 4xx usually never retries, so revops must see refusals. Counted rather than
// listed, so a flood of bad requests adds no rows beyond one per reason an hour.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('refused_requests')
    .addColumn('hour', 'varchar(13)', (c) => c.notNull())
    .addColumn('route', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(128)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('refused_requests_key', ['hour', 'route', 'status', 'reason'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('refused_requests').execute();
}
