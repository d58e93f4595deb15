import { SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time: never import application code here. Valid on SQLite and PostgreSQL alike.
// "Never two active pauses for one email" is held by the database: active_email is the lower-cased
// email while the pause is active and NULL once it ended, and a unique index ignores NULLs on both engines.

// An integer key the database numbers: SQLite's rowid alias, PostgreSQL's identity column.
function serialId(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? (c) => c.primaryKey().autoIncrement()
    : (c) => c.primaryKey().generatedByDefaultAsIdentity();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hot_pauses')
    .addColumn('id', 'integer', serialId(db))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('email_lower', 'varchar(320)', (c) => c.notNull())
    .addColumn('active_email', 'varchar(320)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('lead_id', 'varchar(255)')
    .addColumn('lead_name', 'text')
    .addColumn('company', 'text')
    .addColumn('campaign_key', 'varchar(64)')
    .addColumn('note', 'text')
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('paused_by', 'varchar(32)', (c) => c.notNull())
    .addColumn('paused_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('paused_until', 'varchar(32)', (c) => c.notNull())
    .addColumn('extended_by', 'varchar(32)')
    .addColumn('extended_at', 'varchar(32)')
    .addColumn('warned_until', 'varchar(32)')
    .addColumn('let_end_by', 'varchar(32)')
    .addColumn('ended_at', 'varchar(32)')
    .addColumn('ended_by', 'varchar(32)')
    .addColumn('end_reason', 'varchar(16)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hot_pauses_active_email').on('hot_pauses').column('active_email').unique().execute();
  await db.schema.createIndex('hot_pauses_status_until').on('hot_pauses').columns(['status', 'paused_until']).execute();
  await db.schema.createIndex('hot_pauses_updated').on('hot_pauses').column('updated_at').execute();
  await db.schema.createIndex('hot_pauses_email').on('hot_pauses').column('email_lower').execute();
  await db.schema.createIndex('hot_pauses_paused_by').on('hot_pauses').columns(['paused_by', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hot_pauses').execute();
}
