import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Valid on SQLite and PostgreSQL alike.

// One row per scheduled job and period: the replica whose insert lands runs that period, the
// others pass, so the digest, summaries and reminders run once however many replicas there are.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'varchar(64)', (c) => c.notNull())
    .addColumn('period', 'varchar(32)', (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(128)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'period'])
    .execute();
  await db.schema.createIndex('job_runs_started').on('job_runs').column('started_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_runs').execute();
}
