import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here. Valid on SQLite and PostgreSQL alike.

// SQLite never enforced the lengths of varchar(n) columns, and the app checks every input's
// length itself; PostgreSQL does, so a CRM id of 250 characters made a 263-character outbox
// dedupe key that SQLite kept and PostgreSQL refused. Every varchar column becomes text on
// PostgreSQL (stored the same way), so both engines take the same values.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type = 'character varying' and table_name not like 'kysely_%'
    order by table_name, column_name`.execute(db);
  for (const { table_name, column_name } of columns.rows) {
    await sql`alter table ${sql.table(table_name)} alter column ${sql.ref(column_name)} type text`.execute(db);
  }
}

export async function down(): Promise<void> {
  // Lengths are not put back: values longer than them may exist by now.
}
