import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { App, HTTPReceiver, type Authorize } from '@slack/bolt';
import type { Deps } from './deps.ts';
import { UserFacingError } from './errors.ts';
import { registerListeners } from './handlers/index.ts';
import { buildRoutes } from './http/routes.ts';
import { HttpError, sendJson } from './http/router.ts';
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
      });

  const bolt = new App({
    authorize,
    // Nothing reads Bolt's conversation store; without it a request skips a store lookup.
    convoStore: false,
    logger: boltLogger(logger),
    clientOptions: slackClientOptions(config, logger),
    receiver: receiver ?? socketReceiver,
  });

  bolt.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    if (original instanceof UserFacingError) return;
    logger.error({ err: original }, 'a Slack listener failed');
  });

  registerListeners(bolt, deps);
  const router = buildRoutes(deps);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (receiver && url.pathname === '/slack/events') {
      receiver.requestListener(req, res);
      return;
    }
    const found = router.match(req.method ?? 'GET', url.pathname);
    if (found === undefined) return sendJson(res, 404, { error: 'not_found', message: `No route ${req.method} ${url.pathname}.` });
    if (found === 'method') return sendJson(res, 405, { error: 'method_not_allowed', message: `${req.method} is not allowed on ${url.pathname}.` });
    Promise.resolve()
      .then(() => found.handler(req, res, found.params, url))
      .catch((error: unknown) => {
        if (res.headersSent) {
          logger.error({ err: error }, 'a route failed after answering');
          return;
        }
        if (error instanceof HttpError) {
          sendJson(res, error.status, error.body ?? { error: 'error', message: error.message });
          return;
        }
        // A 2xx must mean stored; anything we did not foresee (disk full, read-only database) is a 503.
        logger.error({ err: error, route: url.pathname }, 'a route failed');
        sendJson(res, 503, { error: 'unavailable', message: 'Handoff could not complete the request; nothing was changed. Try again.' }, { 'retry-after': '5' });
      });
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
