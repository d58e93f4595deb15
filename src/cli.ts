import { ConfigError, loadConfig, readEnvironment } from './config.ts';
import { describeTarget, openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { startHandoff } from './main.ts';

const USAGE = `Usage: handoff <command>

Commands:
  start                      run the bot (HTTP mode, or Socket Mode when SLACK_APP_TOKEN is set)
  migrate                    bring the database up to date and exit
  digest --now [--channel ID] post the weekly digest now (to every DIGEST_CHANNELS channel, or one)
  demo [--html FILE]         play the whole story against a built-in Slack stand-in; no workspace needed
  backup FILE                write a consistent copy of the database to FILE
  init                       write a .env here with fresh secrets and the variables to fill in
  doctor                     check the configuration against Slack (and the CRMs) before going live
  help                       this text

Configuration comes from the environment and a .env file; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'migrate':
      return migrate();
    case 'digest': {
      const { runDigestCli } = await import('./cli/digest.ts');
      return runDigestCli(rest);
    }
    case 'demo': {
      const { runDemo } = await import('./demo/run.ts');
      return runDemo(rest);
    }
    case 'backup':
      return backup(rest);
    case 'init': {
      const { runInit } = await import('./cli/init.ts');
      return runInit(rest);
    }
    case 'doctor': {
      const { runDoctor } = await import('./cli/doctor.ts');
      return runDoctor(rest);
    }
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

/** After durability is lost, how long the stop may take before the process exits anyway. */
const FATAL_STOP_MS = 10_000;

/** After a clean stop, how long a stray pending request may keep the process alive. */
const EXIT_GRACE_MS = 1_000;

async function start(): Promise<number> {
  const running = await startHandoff({ env: readEnvironment() });
  // A promise nobody awaited that fails (a library's, say) is logged; it must not end the
  // process that is holding other people's requests.
  process.on('unhandledRejection', (reason) => running.deps.logger.error({ err: reason }, 'a promise failed with nobody waiting for it'));
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      running.deps.logger.info({ signal }, 'shutting down: no new requests, finishing in-flight work');
      void running.stop().then(() => {
        // Everything is closed; a call to Slack still on its way (a Socket Mode connect, say)
        // must not hold the exit for its own timeout.
        setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
        resolve();
      });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
    void running.fatal.then(() => {
      // Exit non-zero so the supervisor restarts the process: SQLite recovers from what is on disk.
      process.exitCode = 1;
      setTimeout(() => process.exit(1), FATAL_STOP_MS).unref();
      void running.stop().finally(() => process.exit(1));
    });
  });
  return 0;
}

async function migrate(): Promise<number> {
  const config = loadConfig(readEnvironment(), { demo: true });
  const handle = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(handle.db);
    process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n');
    return 0;
  } finally {
    await handle.close();
  }
}

async function backup(args: string[]): Promise<number> {
  const target = args[0];
  if (!target) {
    process.stderr.write('Usage: handoff backup FILE\n');
    return 2;
  }
  const config = loadConfig(readEnvironment(), { demo: true });
  if (config.database.engine === 'postgres') {
    process.stderr.write('DATABASE_URL is PostgreSQL: back it up with its own tools, e.g. pg_dump --format=custom --file=handoff.dump "$DATABASE_URL" (restore with pg_restore), or your provider\'s snapshots.\n');
    return 2;
  }
  const handle = openDatabase(config.database);
  try {
    await handle.backup?.(target);
    process.stdout.write(`Backed up ${describeTarget(config.database)} to ${target}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
    } else {
      createLogger('error').fatal({ err: error }, 'Handoff stopped on an error');
      process.stderr.write(`Handoff stopped: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);
