import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

// A lead without a usable email is handed over too: leads.email and email_lower may be null.
// PostgreSQL drops the constraint in place. SQLite cannot change a column, so leads is rebuilt;
// lead_events (which references it, ON DELETE CASCADE) is rebuilt first to reference the new
// table, so dropping the old one deletes nothing. Foreign keys stay on throughout: the migration
// runs in a transaction, where SQLite cannot switch them off. Renaming leads_new to leads
// rewrites the reference in lead_events (SQLite ≥ 3.26 renames references to a renamed table).
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`alter table leads alter column email drop not null`.execute(db);
    await sql`alter table leads alter column email_lower drop not null`.execute(db);
    return;
  }
  const definition = async (name: string) =>
    (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${name}`.execute(db)).rows[0].sql;
  const indexes = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name in ('leads', 'lead_events') and sql is not null`.execute(db)).rows.map((r) => r.sql);

  const leads = (await definition('leads'))
    .replace(/^create table "?leads"?/i, 'create table "leads_new"')
    .replace(/("email" varchar\(320\)) not null/i, '$1')
    .replace(/("email_lower" varchar\(320\)) not null/i, '$1');
  if (/"email(_lower)?" varchar\(320\) not null/i.test(leads)) throw new Error('leads.email: unexpected table definition; not rebuilt');
  const events = (await definition('lead_events'))
    .replace(/^create table "?lead_events"?/i, 'create table "lead_events_new"')
    .replace(/references "?leads"? ?\(/i, 'references "leads_new" (');
  if (!events.includes('"leads_new"')) throw new Error('lead_events: unexpected table definition; not rebuilt');

  await sql.raw(leads).execute(db);
  await sql`insert into leads_new select * from leads`.execute(db);
  await sql.raw(events).execute(db);
  await sql`insert into lead_events_new select * from lead_events`.execute(db);
  await sql`drop table lead_events`.execute(db);
  await sql`drop table leads`.execute(db);
  await sql`alter table leads_new rename to leads`.execute(db);
  await sql`alter table lead_events_new rename to lead_events`.execute(db);
  for (const index of indexes) await sql.raw(index).execute(db);
}

export async function down(): Promise<void> {
  // Leads without an email cannot go back into a column that requires one.
  throw new Error('leads.email cannot be made required again');
}
