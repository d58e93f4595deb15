import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { CrmConnections } from './crm/connections.ts';
import type { DatabaseHandle } from './db/connection.ts';
import type { Database } from './db/schema.ts';
import type { HomeRefreshQueue } from './home/refresh-queue.ts';
import type { InFlightWork } from './in-flight-work.ts';
import type { MqlRules } from './domain/mql/rules.ts';
import type { Routing } from './domain/routing/rules.ts';
import type { OwnerResolution } from './domain/leads/owners.ts';
import type { Permissions } from './domain/permissions.ts';
import type { Logger } from './logger.ts';
import type { SlackDirectory } from './slack/directory.ts';
import type { OutboxDoorbell } from './delivery/doorbell.ts';
import type { Notifier } from './domain/notices.ts';

/** The context handed to every listener, route and job: no module singletons. */
export interface Deps {
  config: Config;
  db: Kysely<Database>;
  dbHandle: DatabaseHandle;
  clock: Clock;
  logger: Logger;
  /** The one Web API client: retries off, the outbox owns them. */
  slack: WebClient;
  directory: SlackDirectory;
  permissions: Permissions;
  /** The agreed lead definition (MQL_RULES), undefined when every lead qualifies. */
  mqlRules: MqlRules | undefined;
  /** The pools of reps (ROUTING), undefined when leads nobody owns are offered to claim. */
  routing: Routing | undefined;
  /** App Home publishes asked for by changes, run shortly after and coalesced per person. */
  homeRefreshes: HomeRefreshQueue;
  /** Listener work still running after its ack; shutdown waits for it. */
  inFlight: InFlightWork;
  /** The HubSpot and Salesforce connectors that are configured (API access, owner emails). */
  crm: CrmConnections;
  /** Looks up lead owners by email in the background, under Slack's rate limits. */
  owners: OwnerResolution;
  /** Rung after a commit that queued outbox rows; the running sender answers it. */
  outboxDoorbell: OutboxDoorbell;
  /** Transactions whose notices become outbox rows, and what happens after they commit. */
  notices: Notifier;
}
