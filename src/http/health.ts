import type { Deps } from '../deps.ts';
import { databaseAnswers } from '../db/connection.ts';
import { sendJson, type RouteHandler } from './router.ts';

/** 200 while the database answers: the one thing Handoff cannot work without (Slack may be down). */
export function health(deps: Deps): RouteHandler {
  return async function healthz(_req, res) {
    if (await databaseAnswers(deps.db)) sendJson(res, 200, { status: 'ok' });
    else sendJson(res, 503, { status: 'unavailable', message: 'The database does not answer.' });
  };
}
