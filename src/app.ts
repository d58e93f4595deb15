import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { App, HTTPReceiver, type Authorize } from '@slack/bolt';
import type { Deps } from './deps.ts';
import { forPerson, type HandoffError } from './errors.ts';
import { registerListeners } from './handlers/index.ts';
import { buildRoutes } from './http/routes.ts';
import { HttpError, sendJson, sendText } from './http/router.ts';
import { countRefusal, problemPaths, refusalReason } from './domain/refusals.ts';
import { refuseBeforeSlackBody, SLACK_BODY_LIMIT } from './http/slack-gate.ts';
import { boltLogger } from './logger.ts';
import { slackClientOptions } from './slack/client.ts';
import { createSocketModeReceiver, keepSocketModeConnected, type SocketModeKeeper } from './slack/socket-mode.ts';

export interface HandoffApp {
  bolt: App;
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests and waits for in-flight ones. */
  close(): Promise<void>;
}

/** An ephemeral answer to whoever acted: through the request's response_url, else beside them in the channel. */
async function tellPerson(deps: Deps, body: Record<string, any>, text: string): Promise<void> {
  const responseUrl: unknown = body.response_url ?? body.response_urls?.[0]?.response_url;
  // From a signed request: Slack's own URL for answering this person.
  if (typeof responseUrl === 'string') {
    await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }) });
    return;
  }
  const user: unknown = body.user_id ?? body.user?.id;
  const channel: unknown = body.channel_id ?? body.channel?.id ?? body.container?.channel_id;
  if (typeof user === 'string' && typeof channel === 'string') await deps.slack.chat.postEphemeral({ channel, user, text });
  else deps.logger.info({ user }, 'a refusal had no way back to the person');
}

export function createHandoffApp(deps: Deps): HandoffApp {
  const { config, logger } = deps;

  // Authorize from what we already know: Bolt's default would call auth.test on start (retrying
  // for half an hour while Slack is down) or on every request. Nothing on a request path waits for Slack.
  const authorize: Authorize<boolean> = async () => {
    const bot = deps.directory.botIdentity();
    return { botToken: config.slack.botToken, botId: bot?.botId, botUserId: bot?.userId, teamId: bot?.teamId };
  };

  const socketReceiver = config.slack.socketMode ? createSocketModeReceiver(config, logger) : undefined;
  const receiver = socketReceiver
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret ?? '',
        endpoints: '/slack/events',
        logger: boltLogger(logger),
        processBeforeResponse: false,
        bodyLimit: SLACK_BODY_LIMIT,
      });

  const bolt = new App({
    authorize,
    // Nothing reads Bolt's conversation store; without it a request skips a store lookup.
    convoStore: false,
    logger: boltLogger(logger),
    clientOptions: slackClientOptions(config, logger),
    receiver: receiver ?? socketReceiver,
    extendedErrorHandler: true,
  });

  // The one sink for listener errors: one meant for the person reaches them, privately; the rest are logged.
  bolt.error(async ({ error, body }: { error: Error; body: unknown }) => {
    const original = (error as { original?: unknown }).original ?? error;
    const told = forPerson(original);
    if (told === undefined) return void logger.error({ err: original }, 'a Slack listener failed');
    try {
      await tellPerson(deps, body as Record<string, any>, told);
    } catch (cause) {
      logger.warn({ err: cause, code: (original as HandoffError).code }, 'could not tell a person why their request was refused');
    }
  });

  registerListeners(bolt, deps);
  const router = buildRoutes(deps);

  const routeRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = requestUrl(req);
    if (!url) return sendJson(res, 400, { error: 'bad_request', message: 'The request target cannot be read as a path.' });
    const method = (req.method ?? 'GET').toUpperCase();
    if (deps.dbHandle.durabilityLost) {
      // A failed fsync: nothing may be answered as stored any more (the process is on its way out).
      return sendJson(res, 503, { error: 'unavailable', message: 'Handoff cannot store anything right now and is restarting. Try again shortly.' }, { 'retry-after': '10', connection: 'close' });
    }
    if (receiver && url.pathname === '/slack/events') {
      if (method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed', message: `${method} is not allowed on /slack/events; Slack POSTs.` }, { allow: 'POST' });
      // The wall clock, as Bolt's own signature check uses.
      const refusal = refuseBeforeSlackBody(req, new Date());
      if (refusal) {
        logger.warn({ route: url.pathname, status: refusal.status }, 'refused a request to /slack/events before reading it');
        return sendJson(res, refusal.status, { error: refusal.status === 413 ? 'too_large' : 'unauthorized', message: refusal.message }, { connection: 'close' });
      }
      receiver.requestListener(req, res);
      return;
    }
    const found = router.match(method, url.pathname);
    if (found === undefined) return sendJson(res, 404, { error: 'not_found', message: `No route ${method} ${url.pathname}.` });
    if (found === 'method') return sendJson(res, 405, { error: 'method_not_allowed', message: `${method} is not allowed on ${url.pathname}.` }, { allow: router.methodsFor(url.pathname).join(', ') });
    Promise.resolve()
      .then(() => found.handler(req, res, found.params, url))
      .catch((error: unknown) => answerRouteError(error, req, res, url.pathname));
  };

  const answerRouteError = (error: unknown, req: IncomingMessage, res: ServerResponse, route: string): void => {
    if (res.headersSent) {
      logger.error({ err: error }, 'a route failed after answering');
      return;
    }
    if (error instanceof HttpError) {
      // Revops must see refused leads: a CRM that gets a 4xx usually never retries.
      if (error.status >= 400 && error.status < 500) {
        logger.warn({ route, status: error.status, problems: problemPaths(error.body) }, 'refused a request');
        if (route.startsWith('/webhooks/')) {
          countRefusal(deps.db, deps.clock.now(), route, error.status, refusalReason(error.body))
            .catch((cause: unknown) => logger.warn({ err: cause }, 'could not count a refused request'));
        }
      }
      // A body left unread would be read into the next request on this connection.
      const headers: Record<string, string> = req.complete ? {} : { connection: 'close' };
      if (error.raw) sendText(res, error.status, error.raw.text, error.raw.contentType, headers);
      else sendJson(res, error.status, error.body ?? { error: 'error', message: error.message }, headers);
      return;
    }
    // A 2xx must mean stored; anything we did not foresee (disk full, read-only database) is a 503.
    logger.error({ err: error, route }, 'a route failed');
    sendJson(res, 503, { error: 'unavailable', message: 'Handoff could not complete the request; nothing was changed. Try again.' }, { 'retry-after': '5' });
  };

  // Nothing a client sends may throw out of the request listener: an exception there ends the process.
  const server = createServer(function handleRequest(req: IncomingMessage, res: ServerResponse) {
    try {
      routeRequest(req, res);
    } catch (error) {
      logger.error({ err: error, method: req.method }, 'a request failed before reaching a route');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'Handoff could not read this request.' }, { connection: 'close' });
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 5_000;
  let socketMode: SocketModeKeeper | undefined;

  return {
    bolt,
    server,
    async listen(port, host = '0.0.0.0') {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      // Only once HTTP answers: Slack being unreachable must not keep health and intake down.
      if (socketReceiver) socketMode = keepSocketModeConnected(socketReceiver.client, logger);
      const address = server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    async close() {
      await socketMode?.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Give in-flight requests a moment to finish, then cut what is left.
      const deadline = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(deadline);
    },
  };
}

/** The request's URL, or undefined when its target is not one (`//[`, say): `new URL` would throw. */
function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
