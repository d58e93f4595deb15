import { WebClient } from '@slack/web-api';
import { loadConfig, readEnvironment, type Config } from '../config.ts';
import { sql } from 'kysely';
import { describeTarget, openDatabase } from '../db/connection.ts';
import { SalesforceSession } from '../crm/salesforce-api.ts';
import { createLogger } from '../logger.ts';
import { slackClientOptions, slackErrorCode } from '../slack/client.ts';
import { MANIFEST_SCOPES } from '../standin/slack-standin.ts';
import { urlWithoutQuery } from '../url-without-query.ts';
import { featuresOff } from '../views/features-off.ts';

// `handoff doctor`: checks a configuration against the real workspace (and CRMs) before going
// live, one line per check; exits 1 when any fails. It reads and asks; it changes nothing.

const ROUTING_SCOPES = ['users.profile:read', 'dnd:read'];

type Check = { ok: true; line: string } | { ok: false; line: string };
const pass = (line: string): Check => ({ ok: true, line });
const fail = (line: string): Check => ({ ok: false, line });

async function slackChecks(config: Config, slack: WebClient): Promise<Check[]> {
  const checks: Check[] = [];
  let scopes: string[] = [];
  try {
    const auth = await slack.auth.test();
    checks.push(pass(`Slack token: works in ${auth.team ?? auth.team_id} as @${auth.user}`));
    scopes = (auth.response_metadata as { scopes?: string[] } | undefined)?.scopes ?? [];
  } catch (error) {
    return [fail(`Slack token: refused (${slackErrorCode(error) ?? String(error)}); paste the Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN`)];
  }
  // The scopes that read reps' availability matter only with pools (ROUTING).
  const needed = config.routingPath ? MANIFEST_SCOPES : MANIFEST_SCOPES.filter((s) => !ROUTING_SCOPES.includes(s));
  const missing = needed.filter((s) => !scopes.includes(s));
  checks.push(missing.length === 0 ? pass('Slack scopes: all the manifest asks for') : fail(`Slack scopes: missing ${missing.join(', ')}; add them under OAuth & Permissions and reinstall the app`));

  const channels: [string, string][] = [
    ...(config.marketingChannel ? [['MARKETING_CHANNEL', config.marketingChannel] as [string, string]] : []),
    ...(config.salesChannel ? [['SALES_CHANNEL', config.salesChannel] as [string, string]] : []),
    ...config.digestChannels.map((c): [string, string] => ['DIGEST_CHANNELS', c]),
  ];
  for (const [name, id] of channels) {
    try {
      const info = await slack.conversations.info({ channel: id });
      const channel = info.channel as { name?: string; is_member?: boolean } | undefined;
      checks.push(channel?.is_member
        ? pass(`${name}: the bot is in #${channel.name} (${id})`)
        : fail(`${name}: the bot is not in #${channel?.name ?? id} (${id}); type /invite @Handoff in that channel`));
    } catch (error) {
      checks.push(fail(`${name}: Slack has no channel ${id} the bot can see (${slackErrorCode(error) ?? 'error'}); copy the ID from the channel's details`));
    }
  }
  for (const [name, group] of [['MARKETING_USERGROUP', config.marketingUsergroup], ['SALES_USERGROUP', config.salesUsergroup]] as const) {
    if (!group) continue;
    try {
      const users = await slack.usergroups.users.list({ usergroup: group });
      checks.push(pass(`${name}: ${group} has ${users.users?.length ?? 0} members`));
    } catch (error) {
      checks.push(fail(`${name}: Slack has no user group ${group} (${slackErrorCode(error) ?? 'error'})`));
    }
  }
  for (const admin of config.admins) {
    try {
      const user = await slack.users.info({ user: admin });
      checks.push(pass(`HANDOFF_ADMINS: ${admin} is ${(user.user as { real_name?: string } | undefined)?.real_name ?? admin}`));
    } catch (error) {
      checks.push(fail(`HANDOFF_ADMINS: Slack has no user ${admin} (${slackErrorCode(error) ?? 'error'})`));
    }
  }
  return checks;
}

async function reachable(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(5000) });
    return `answered ${res.status}`;
  } catch {
    return undefined;
  }
}

async function otherChecks(config: Config): Promise<Check[]> {
  const checks: Check[] = [];
  for (const url of config.outboundWebhookUrls) {
    const shown = urlWithoutQuery(url) ?? url;
    const answer = await reachable(url);
    checks.push(answer ? pass(`Lead events: ${shown} ${answer}`) : fail(`Lead events: ${shown} does not answer; events to it wait until it does`));
  }
  if (config.hubspot) {
    try {
      const res = await fetch(`${config.hubspot.apiUrl}/crm/v3/owners?limit=1`, { headers: { Authorization: `Bearer ${config.hubspot.token}` }, signal: AbortSignal.timeout(10_000) });
      const body = (await res.json().catch(() => ({}))) as { category?: string; message?: string };
      checks.push(res.ok ? pass('HubSpot: the private app token works and may read owners')
        : fail(`HubSpot: ${res.status} ${body.category ?? ''} ${body.message ?? ''}`.trim() + '; check HUBSPOT_TOKEN and the app\'s scopes (crm.objects.contacts.read/write, crm.objects.owners.read)'));
    } catch (error) {
      checks.push(fail(`HubSpot: ${config.hubspot.apiUrl} does not answer (${(error as Error).message})`));
    }
  }
  if (config.salesforce) {
    const token = await new SalesforceSession(config.salesforce, () => Date.now()).check();
    checks.push(token.ok ? pass(`Salesforce: the connected app gets a token from ${config.salesforce.instanceUrl}`) : fail(`Salesforce: ${token.error}; check SALESFORCE_CLIENT_ID/SECRET and that the app allows the client-credentials flow with a run-as user`));
  }
  return checks;
}

export async function runDoctor(_args: string[], out: { write(s: string): unknown } = process.stdout, env = readEnvironment()): Promise<number> {
  const config = loadConfig(env);
  const checks: Check[] = [];
  try {
    const handle = openDatabase(config.database);
    try {
      // A pool connects lazily: a query is what proves PostgreSQL answers and lets us in.
      await sql`select 1`.execute(handle.db);
    } finally {
      await handle.close();
    }
    checks.push(pass(`Database: ${describeTarget(config.database)} answers`));
  } catch (error) {
    checks.push(fail(`Database: ${describeTarget(config.database)} cannot be reached (${(error as Error).message})`));
  }
  const slack = new WebClient(config.slack.botToken, slackClientOptions(config, createLogger('silent')));
  checks.push(...(await slackChecks(config, slack)), ...(await otherChecks(config)));
  for (const check of checks) out.write(`${check.ok ? '✓' : '✗'} ${check.line}\n`);
  for (const line of featuresOff(config)) out.write(`· ${line}\n`);
  const failed = checks.filter((c) => !c.ok).length;
  out.write(failed === 0 ? 'Everything checked is ready.\n' : `${failed} check${failed === 1 ? '' : 's'} failed; fix ${failed === 1 ? 'it' : 'them'} and run doctor again.\n`);
  return failed === 0 ? 0 : 1;
}
