import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared beside the repo: the product contract and Slack references (absent in a user's own clone). */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared', import.meta.url));
export const HAS_SHARED = existsSync(SHARED_DIR);
export const NO_SHARED_REASON = `needs ../shared (Slack's manifest schema and reference payloads) beside the repo; not found at ${SHARED_DIR}`;
