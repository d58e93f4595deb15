import { SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time: never import application code here. Valid on SQLite and PostgreSQL alike.

// An integer key the database numbers: SQLite's rowid alias, PostgreSQL's identity column.
function serialId(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? (c) => c.primaryKey().autoIncrement()
    : (c) => c.primaryKey().generatedByDefaultAsIdentity();
}

export async function up(db: Kysely<any>): Promise<void> {
  // One row per rep per asset: a later click replaces the verdict, a later comment replaces the comment.
  await db.schema
    .createTable('content_ratings')
    .addColumn('id', 'integer', serialId(db))
    .addColumn('asset_id', 'integer', (c) => c.notNull().references('campaign_assets.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('lead_id', 'varchar(255)')
    .addColumn('verdict', 'varchar(16)')
    .addColumn('rated_at', 'varchar(32)')
    .addColumn('comment', 'text')
    .addColumn('commented_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('content_ratings_asset_user', ['asset_id', 'user_id'])
    .execute();
  // The digest reads a week of ratings by time; covering (asset, verdict) keeps it off the table.
  await db.schema.createIndex('content_ratings_rated').on('content_ratings').columns(['rated_at', 'asset_id', 'verdict']).execute();
  await db.schema.createIndex('content_ratings_commented').on('content_ratings').columns(['asset_id', 'commented_at']).execute();

  // The once-a-week guarantee: the UNIQUE pair is taken in the same transaction as the outbox row.
  await db.schema
    .createTable('digest_posts')
    .addColumn('id', 'integer', serialId(db))
    .addColumn('channel', 'varchar(32)', (c) => c.notNull())
    .addColumn('week', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_start', 'varchar(32)', (c) => c.notNull())
    .addColumn('period_end', 'varchar(32)', (c) => c.notNull())
    .addColumn('outbox_id', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('digest_posts_channel_week', ['channel', 'week'])
    .execute();

  await db.schema.createIndex('campaign_assets_created').on('campaign_assets').column('created_at').execute();

  // The digest reads a week of leads (≈40,000 at a million): with every column it groups and
  // times on in the index, that is an index-only range scan instead of 40,000 row lookups.
  await db.schema
    .createIndex('leads_digest')
    .on('leads')
    .columns(['received_at', 'status', 'campaign_key', 'reject_reason', 'stage', 'delivered_at', 'answered_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('leads_digest').execute();
  await db.schema.dropIndex('campaign_assets_created').execute();
  await db.schema.dropTable('digest_posts').execute();
  await db.schema.dropTable('content_ratings').execute();
}
