import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// Who has which email in Slack, as Slack last said: users.lookupByEmail is Tier 3 (about 50 a
// minute), so what was learned is kept across restarts and shared by every process on the
// database. `user_id` is null for a miss (nobody has the email, or their account is gone);
// `check_after` is when to ask Slack again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('slack_people')
    .addColumn('email', 'varchar(320)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)')
    .addColumn('name', 'varchar(255)')
    .addColumn('learned_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('confirmed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('check_after', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('slack_people_user').on('slack_people').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('slack_people').execute();
}
