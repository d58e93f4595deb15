import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// What Slack last said of each pool rep (time zone, status and its expiry, snoozed notifications),
// refreshed by a job, so assigning a lead reads the database and never waits for Slack.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rep_presence')
    .addColumn('user_id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('tz', 'varchar(64)')
    .addColumn('status_text', 'varchar(200)')
    .addColumn('status_emoji', 'varchar(100)')
    .addColumn('status_until', 'varchar(32)')
    .addColumn('snooze_until', 'varchar(32)')
    .addColumn('checked_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rep_presence').execute();
}
