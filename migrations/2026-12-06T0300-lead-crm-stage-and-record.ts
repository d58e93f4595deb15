import type { Kysely } from 'kysely';

// Frozen in time: never import application code here. Kept to what both SQLite and PostgreSQL accept.

// `stage` now holds the buying stage Handoff maps a CRM's word to (SLA, rules, opener); the CRM's
// own word is kept in `crm_stage`. `record_url` is the lead's page in the CRM.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leads').addColumn('crm_stage', 'varchar(32)').execute();
  await db.schema.alterTable('leads').addColumn('record_url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leads').dropColumn('record_url').execute();
  await db.schema.alterTable('leads').dropColumn('crm_stage').execute();
}
