import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// Salesforce outbound notifications already stored, by their own Id: Salesforce sends one again
// when it did not get the Ack, and an old notification must not undo a newer one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('crm_notifications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('lead_id', 'varchar(255)')
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crm_notifications_received').on('crm_notifications').column('received_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('crm_notifications').execute();
}
