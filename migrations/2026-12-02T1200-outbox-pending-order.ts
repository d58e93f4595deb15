import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// The sender reads pending rows in id order and stops after a hundred. Through (status,
// next_attempt_at) the database had to sort every pending row first, which with a backlog of
// thousands took more time than the sends; (status, id) hands them over already in order.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_due').execute();
  await db.schema.createIndex('outbox_pending_order').on('outbox').columns(['status', 'id', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_pending_order').execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
}
