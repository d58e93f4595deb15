import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

// `handoff init`: a .env to start from, with fresh secrets (a .env file runs no commands, so
// `$(openssl rand …)` pasted into one would become the secret itself) and every variable to fill.

export function envTemplate(secret: () => string = () => randomBytes(24).toString('hex'), whsec: () => string = () => `whsec_${randomBytes(32).toString('base64')}`): string {
  return `# Handoff's configuration (see README.md, "Configuration"). Written by \`handoff init\`.
# Keep this file private: it holds secrets.

# --- Slack: from your app's settings (api.slack.com/apps) --------------------------------
# Bot User OAuth Token (OAuth & Permissions)
SLACK_BOT_TOKEN=
# Signing Secret (Basic Information); or SLACK_APP_TOKEN=xapp-… for Socket Mode
SLACK_SIGNING_SECRET=

# --- Where Handoff speaks: channel IDs (channel details → bottom), invite the bot to each --
# Pause-email, held-lead and rejection notices (required)
MARKETING_CHANNEL=
# Escalations of unanswered leads, with Claim; unset: escalations are only logged
SALES_CHANNEL=
# The weekly digest, comma-separated; unset: no digest
DIGEST_CHANNELS=
# Your team's time zone: the digest's schedule, pause end dates
TZ=UTC

# --- Who may do what: Slack user IDs (profile → ⋯ → Copy member ID), comma-separated -----
HANDOFF_ADMINS=
# MARKETING_USERGROUP=S…
# SALES_USERGROUP=S…

# --- Secrets generated for you --------------------------------------------------------
# Your CRM sends leads with  Authorization: Bearer <this>
HANDOFF_WEBHOOK_SECRET=${secret()}
# Your email tool and BI read the API with  Authorization: Bearer <this>
HANDOFF_API_TOKEN=${secret()}
# Signs lead events; uncomment both lines to send events to your URL(s)
# HANDOFF_OUTBOUND_WEBHOOK_URL=https://hooks.example.com/handoff
# HANDOFF_OUTBOUND_SECRET=${whsec()}

# --- CRM connectors (optional) ----------------------------------------------------------
# HUBSPOT_TOKEN=pat-…
# SALESFORCE_INSTANCE_URL=https://yourco.my.salesforce.com
# SALESFORCE_CLIENT_ID=
# SALESFORCE_CLIENT_SECRET=
# SALESFORCE_ORG_ID=00D…

# --- Leads ------------------------------------------------------------------------------
# LEAD_SLA=decision=1h,consideration=24h,awareness=72h,default=24h
# MQL_RULES=./mql-rules.yaml
# DATABASE_URL=sqlite:./data/handoff.db
`;
}

export function runInit(args: string[], out: { write(s: string): unknown } = process.stdout, err: { write(s: string): unknown } = process.stderr): number {
  if (args.length > 0) {
    err.write('Usage: handoff init   (writes .env in this folder; never over an existing one)\n');
    return 2;
  }
  const path = resolve('.env');
  if (existsSync(path)) {
    err.write(`${path} exists already; Handoff never writes over it. Move it away to start from a fresh one.\n`);
    return 1;
  }
  writeFileSync(path, envTemplate(), { mode: 0o600, flag: 'wx' });
  out.write(`Wrote ${path} with fresh secrets. Fill in the Slack values and channel IDs, then run \`npm run handoff -- doctor\` to check them against your workspace.\n`);
  return 0;
}
