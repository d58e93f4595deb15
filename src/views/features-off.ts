// What a configuration leaves off, in the words an installer acts on: logged at start-up and
// printed by `handoff doctor`. Tests assert on these.

import type { Config } from '../config.ts';
import { NO_ADMINS_LOG } from './permissions-text.ts';

export function featuresOff(config: Config): string[] {
  const off: string[] = [];
  if (config.digestChannels.length === 0) off.push('DIGEST_CHANNELS is unset: no weekly digest is posted (set channel IDs, comma-separated).');
  if (!config.salesChannel) off.push('SALES_CHANNEL is unset: leads past their SLA are only logged, and leads nobody owns are offered in MARKETING_CHANNEL.');
  if (config.admins.length === 0) off.push(NO_ADMINS_LOG);
  if (!config.webhookSecret) off.push('HANDOFF_WEBHOOK_SECRET is unset: lead and campaign intake answer 503 (no CRM can send leads).');
  if (!config.apiToken) off.push('HANDOFF_API_TOKEN is unset: the read API (suppressions, leads, campaigns) answers 503.');
  return off;
}
