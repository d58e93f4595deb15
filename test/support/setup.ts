import { afterAll } from 'vitest';
import { dropCreatedDatabases, onPostgres } from './databases.ts';

// Each test file's PostgreSQL databases go when the file ends, whatever its tests left running.
afterAll(async () => {
  if (onPostgres) await dropCreatedDatabases();
});
