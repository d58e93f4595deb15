import { systemClock } from '../clock.ts';
import { loadConfig, readEnvironment } from '../config.ts';
import { startOutboxSender } from '../delivery/sender.ts';
import { postDigestNow } from '../domain/digest/post.ts';
import { createLogger } from '../logger.ts';
import { buildDeps, DELIVERY_HOOKS } from '../main.ts';

const USAGE = `Usage: handoff digest --now [--channel ID]

Posts the digest of the last 7 days now, to every DIGEST_CHANNELS channel or to the one given,
and waits until Slack has it. This is extra: the weekly digest still goes out on schedule
from the running bot (handoff start).`;

const DELIVERY_TIMEOUT_MS = 60_000;

function parseArgs(args: string[]): { now: boolean; channel?: string; help: boolean } | string {
  const out: { now: boolean; channel?: string; help: boolean } = { now: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--now') out.now = true;
    else if (arg === '--help' || arg === '-h' || arg === 'help') out.help = true;
    else if (arg === '--channel' || arg.startsWith('--channel=')) {
      const value = arg.includes('=') ? arg.slice('--channel='.length) : args[++i];
      if (!value || !/^[CG][A-Z0-9]{2,}$/.test(value)) return `--channel needs a Slack channel ID such as C0123ABCD${value ? `, not "${value}"` : ''}.`;
      out.channel = value;
    } else return `Unknown option "${arg}".`;
  }
  return out;
}

/**
 * `handoff digest --now [--channel ID]`. No bot runs the outbox in this process, so it starts
 * the outbox sender itself and waits for its rows: the same claims as the bot's sender, so a
 * running bot and this command never send one row twice. A row Slack has not taken when the
 * wait ends stays queued for the bot.
 */
export async function runDigestCli(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help || !parsed.now) {
    (parsed.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return parsed.help ? 0 : 2;
  }
  const config = loadConfig(readEnvironment());
  const channels = parsed.channel ? [parsed.channel] : config.digestChannels;
  if (channels.length === 0) {
    process.stderr.write('No channel to post to: set DIGEST_CHANNELS or pass --channel ID.\n');
    return 2;
  }
  const logger = createLogger(config.logLevel, process.stderr);
  const deps = await buildDeps(config, systemClock, logger);
  const sender = startOutboxSender(deps, DELIVERY_HOOKS);
  try {
    const queued = await postDigestNow(deps, channels);
    const ids = queued.map((q) => q.outboxId);
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    let rows = await deps.db.selectFrom('outbox').select(['id', 'target', 'status', 'last_error']).where('id', 'in', ids).orderBy('id').execute();
    while (rows.some((r) => r.status === 'pending') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await deps.db.selectFrom('outbox').select(['id', 'target', 'status', 'last_error']).where('id', 'in', ids).orderBy('id').execute();
    }
    for (const row of rows) {
      if (row.status === 'sent') process.stdout.write(`Posted the digest to ${row.target}.\n`);
      else if (row.status === 'failed') process.stderr.write(`Could not post the digest to ${row.target}: ${row.last_error ?? 'Slack refused it'}.\n`);
      else process.stderr.write(`Slack has not taken the digest for ${row.target} yet (${row.last_error ?? 'no answer'}); it stays queued and the running bot will deliver it.\n`);
    }
    return rows.every((r) => r.status === 'sent') ? 0 : 1;
  } finally {
    await sender.stop();
    await deps.dbHandle.close();
  }
}
