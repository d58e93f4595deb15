import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { urlTag, type EventRoutes } from './publish.ts';

/**
 * Starts again a receiver stopped by a 410, found by its tag among the configured URLs: events
 * from now on go to it (those of the stop are not replayed). Returns its URL, or undefined when
 * no configured receiver with that tag is stopped.
 */
export async function resumeEndpoint(db: Kysely<Database>, routes: EventRoutes, tag: string): Promise<string | undefined> {
  const url = routes.outboundWebhookUrls.find((u) => urlTag(u) === tag);
  if (!url) return undefined;
  const deleted = await db.deleteFrom('stopped_endpoints').where('url', '=', url).executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1 ? url : undefined;
}

/** The configured receivers stopped by a 410, for the admin's Home. */
export async function stoppedEndpoints(db: Kysely<Database>, routes: EventRoutes): Promise<{ url: string; stopped_at: string }[]> {
  if (routes.outboundWebhookUrls.length === 0) return [];
  return db.selectFrom('stopped_endpoints').select(['url', 'stopped_at']).where('url', 'in', routes.outboundWebhookUrls).execute();
}
