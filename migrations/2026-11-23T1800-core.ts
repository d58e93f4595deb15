import { SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time: never import application code here. Valid on SQLite and PostgreSQL alike.

// An integer key the database numbers: SQLite's rowid alias, PostgreSQL's identity column.
function serialId(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? (c) => c.primaryKey().autoIncrement()
    : (c) => c.primaryKey().generatedByDefaultAsIdentity();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'integer', serialId(db))
    .addColumn('key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('goal', 'text')
    .addColumn('audience', 'text')
    .addColumn('stage', 'varchar(32)')
    .addColumn('offer', 'text')
    .addColumn('key_messages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('talking_points', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('starts_on', 'varchar(10)')
    .addColumn('ends_on', 'varchar(10)')
    .addColumn('owner_slack_id', 'varchar(32)')
    .addColumn('owner_email', 'varchar(320)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_by', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_status_starts').on('campaigns').columns(['status', 'starts_on']).execute();

  await db.schema
    .createTable('campaign_assets')
    .addColumn('id', 'integer', serialId(db))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'varchar(3000)', (c) => c.notNull())
    .addColumn('kind', 'varchar(64)')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('campaign_assets_campaign_url', ['campaign_id', 'url'])
    .execute();

  await db.schema
    .createTable('leads')
    .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('email_lower', 'varchar(320)', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('title', 'text')
    .addColumn('company', 'text')
    .addColumn('owner_email', 'varchar(320)')
    .addColumn('owner_slack_id', 'varchar(32)')
    .addColumn('campaign_key', 'varchar(64)')
    .addColumn('stage', 'varchar(32)')
    .addColumn('score', 'real')
    .addColumn('activities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('delivery', 'varchar(16)', (c) => c.notNull())
    .addColumn('qualification', 'text')
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('delivered_at', 'varchar(32)')
    .addColumn('answered_at', 'varchar(32)')
    .addColumn('answered_by', 'varchar(32)')
    .addColumn('reject_reason', 'varchar(32)')
    .addColumn('reject_comment', 'text')
    .addColumn('reminded_at', 'varchar(32)')
    .addColumn('escalated_at', 'varchar(32)')
    .addColumn('dm_channel', 'varchar(32)')
    .addColumn('dm_ts', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leads_received').on('leads').column('received_at').execute();
  await db.schema.createIndex('leads_email_lower').on('leads').column('email_lower').execute();
  await db.schema.createIndex('leads_owner_status').on('leads').columns(['owner_slack_id', 'status']).execute();
  await db.schema.createIndex('leads_status_delivery').on('leads').columns(['status', 'delivery']).execute();
  await db.schema.createIndex('leads_campaign').on('leads').column('campaign_key').execute();

  await db.schema
    .createTable('lead_events')
    .addColumn('id', 'integer', serialId(db))
    .addColumn('lead_id', 'varchar(255)', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'varchar(32)')
    .addColumn('detail', 'text')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lead_events_lead').on('lead_events').columns(['lead_id', 'id']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', serialId(db))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('target', 'varchar(3000)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(255)', (c) => c.unique())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(64)')
    .addColumn('claimed_until', 'varchar(32)')
    .addColumn('last_error', 'text')
    .addColumn('result', 'text')
    .addColumn('ref_type', 'varchar(32)')
    .addColumn('ref_id', 'varchar(255)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_ref').on('outbox').columns(['ref_type', 'ref_id']).execute();

  await db.schema
    .createTable('slack_events')
    .addColumn('event_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('app_state')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['app_state', 'slack_events', 'outbox', 'lead_events', 'leads', 'campaign_assets', 'campaigns']) {
    await db.schema.dropTable(table).execute();
  }
}
