import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { firstDelivery } from '../../domain/slack-events/first-delivery.ts';

/**
 * Slack redelivers an event it thinks failed (X-Slack-Retry-Num), and Bolt does not drop
 * repeats: the first delivery of each event_id is recorded, later ones stop here.
 */
export function dropRepeatedEvents(deps: Deps): Middleware<AnyMiddlewareArgs> {
  return async function dropRepeated({ body, next }) {
    const eventId = (body as { event_id?: unknown }).event_id;
    if ((body as { type?: unknown }).type !== 'event_callback' || typeof eventId !== 'string') return next();
    if (!(await firstDelivery(deps.db, eventId, deps.clock.now()))) {
      deps.logger.debug({ eventId }, 'dropped a repeated Slack event');
      return;
    }
    await next();
  };
}
