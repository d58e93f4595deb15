import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    // When an attempt may have reached Slack without us learning its ts: later attempts look in history first.
    .addColumn('uncertain_at', 'varchar(32)')
    .execute();
  await db.schema.alterTable('outbox').addColumn('failed_at', 'varchar(32)').execute();
  // Per-target order: the sender only takes a target's oldest pending row.
  await db.schema.createIndex('outbox_target_status').on('outbox').columns(['target', 'status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_target_status').execute();
  await db.schema.alterTable('outbox').dropColumn('failed_at').execute();
  await db.schema.alterTable('outbox').dropColumn('uncertain_at').execute();
}
