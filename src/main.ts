import { createHandoffApp, type HandoffApp } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { createdTheDatabase, migrateToLatest } from './db/migrate.ts';
import { INSTALLED_AT_KEY } from './domain/digest/post.ts';
import { createNotifier } from './notices/notifier.ts';
import { OutboxDoorbell } from './delivery/doorbell.ts';
import type { DeliveryHooks } from './delivery/hooks.ts';
import { startOutboxSender, type OutboxSenderOptions } from './delivery/sender.ts';
import { leadDmDelivered } from './domain/leads/delivery.ts';
import type { Deps } from './deps.ts';
import { loadMqlRules } from './domain/mql/rules.ts';
import { createOwnerResolution } from './owner-resolution.ts';
import { Permissions } from './domain/permissions.ts';
import { HomeRefreshQueue } from './home/refresh-queue.ts';
import { publishHome } from './home/refresh.ts';
import { InFlightWork } from './in-flight-work.ts';
import { allJobs } from './jobs/index.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { createLogger, type Logger } from './logger.ts';
import { createSlackClient } from './slack/client.ts';
import { SlackDirectory } from './slack/directory.ts';
import { connectCrms } from './crm/connections.ts';
import { loadRouting } from './domain/routing/rules.ts';
import { featuresOff } from './views/features-off.ts';

export interface StartOptions {
  env: Record<string, string | undefined>;
  clock?: Clock;
  logger?: Logger;
  demo?: boolean;
  /** Host to bind; tests and the demo use 127.0.0.1. */
  host?: string;
  /** Leave scheduled jobs off (tests drive jobs themselves). */
  scheduler?: boolean;
  /** Outbox sender timing (tests make it fast); production uses the defaults. */
  outbox?: OutboxSenderOptions;
}

export interface RunningHandoff {
  deps: Deps;
  app: HandoffApp;
  port: number;
  url: string;
  /** Resolves when Handoff can no longer promise a write is stored (a failed fsync): the process should stop and be restarted. */
  fatal: Promise<Error>;
  stop(): Promise<void>;
}

/** What features learn of their messages' fate: a lead's DM records where it landed. */
export const DELIVERY_HOOKS: DeliveryHooks = { lead: leadDmDelivered };

/** Prepares the dependencies every part of the app shares: config → database → migrations → Slack client. */
export async function buildDeps(config: Config, clock: Clock, logger: Logger): Promise<Deps> {
  const mqlRules = loadMqlRules(config.mqlRulesPath);
  const routing = loadRouting(config.routingPath);
  const dbHandle = openDatabase(config.database, { onIdleError: (error) => logger.warn({ err: error }, 'an idle database connection broke; the pool opens another') });
  try {
    const applied = await migrateToLatest(dbHandle.db);
    // Remembered so that a start-up catch-up never posts for a digest time before Handoff existed.
    if (await createdTheDatabase(applied)) {
      await dbHandle.db.insertInto('app_state').values({ key: INSTALLED_AT_KEY, value: clock.now().toISOString(), updated_at: clock.now().toISOString() }).onConflict((oc) => oc.column('key').doNothing()).execute();
    }
  } catch (error) {
    await dbHandle.close();
    throw error;
  }
  const slack = createSlackClient(config, logger);
  const outboxDoorbell = new OutboxDoorbell();
  const directory = new SlackDirectory(slack, dbHandle.db, clock, logger);
  const deps: Deps = {
    config,
    db: dbHandle.db,
    dbHandle,
    clock,
    logger,
    slack,
    directory,
    permissions: new Permissions(config, directory),
    mqlRules,
    routing,
    homeRefreshes: new HomeRefreshQueue(async (userId) => {
      // Reading the Home is synchronous database work: it waits for a turn behind acks and answers.
      await deps.dbHandle.turns.backgroundTurn();
      await publishHome(deps, userId);
    }, logger),
    inFlight: new InFlightWork(),
    crm: connectCrms(config, clock),
    owners: createOwnerResolution(() => deps, logger),
    outboxDoorbell,
    notices: createNotifier({
      dbHandle,
      clock,
      timeZone: config.timeZone,
      wakeSender: () => outboxDoorbell.ring(),
      refreshHome: (userId) => deps.homeRefreshes.request(userId),
    }),
  };
  return deps;
}

/** The composition root: config → db → migrate → deps → app → sender → jobs → listen. */
export async function startHandoff(options: StartOptions): Promise<RunningHandoff> {
  const config = loadConfig(options.env, { demo: options.demo });
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const deps = await buildDeps(config, clock, logger);
  const sender = startOutboxSender(deps, DELIVERY_HOOKS, options.outbox);
  const app = createHandoffApp(deps);
  const scheduler = options.scheduler === false ? undefined : startScheduler(deps, allJobs(deps));
  const identity = new AbortController();
  void deps.directory.resolveBotIdentity(identity.signal);

  let port: number;
  try {
    port = await app.listen(config.port, options.host);
  } catch (error) {
    identity.abort();
    await scheduler?.stop();
    await sender.stop();
    await deps.dbHandle.close();
    throw error;
  }
  logger.info({ port, mode: config.slack.socketMode ? 'socket' : 'http' }, 'Handoff is listening');
  // Leads left waiting for their owner (a restart, Slack down) are looked up now, not at the next minute.
  void deps.owners.resolveWaiting().catch((error: unknown) => logger.error({ err: error }, 'resolving waiting lead owners failed'));
  // Pools may name reps by email: learn who they are in Slack, so leads can go to them.
  if (deps.routing) deps.owners.kick([...new Set(deps.routing.pools.flatMap((p) => p.reps.filter((r) => r.includes('@')).map((r) => r.toLowerCase())))]);
  // What the configuration leaves off, so the installer's first look at the log says what to set.
  for (const line of featuresOff(config)) logger.warn(line);

  const fatal = new Promise<Error>((resolve) => {
    deps.dbHandle.onDurabilityLost((error) => {
      logger.fatal({ err: error }, 'the database log could not be synced to disk: refusing every write from now on; restart Handoff so SQLite recovers from what is on disk');
      resolve(error);
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    deps,
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    fatal,
    stop() {
      stopping ??= (async () => {
        identity.abort();
        await app.close();
        // Answers already acked finish their work, and the Homes they changed are published.
        await deps.inFlight.settled();
        await scheduler?.stop();
        await deps.homeRefreshes.drain();
        await deps.owners.stop();
        await sender.stop();
        await deps.dbHandle.close();
        logger.info('Handoff stopped');
      })();
      return stopping;
    },
  };
}
