import { pino, type Logger as PinoLogger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

export type Logger = PinoLogger;

// Secrets can hide in request headers and error objects; pino drops these paths before writing.
const REDACT = [
  'token', '*.token', 'authorization', '*.authorization', 'headers.authorization',
  'botToken', 'signingSecret', 'appToken', 'webhookSecret', 'apiToken', 'outboundSecrets', '*.botToken', '*.signingSecret',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'handoff' } }, destination as never);
}

/** Bolt wants its own logger shape; route it into the same sink. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug(msg.map(String).join(' ')),
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    error: (...msg) => child.error(msg.map((m) => (m instanceof Error ? m.stack ?? m.message : String(m))).join(' ')),
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => {},
  };
}
