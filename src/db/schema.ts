import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Timestamps are UTC ISO-8601 strings; JSON columns are text, parsed by the domain module that owns them.

export interface CampaignTable {
  id: Generated<number>;
  key: string;
  name: string;
  goal: string | null;
  audience: string | null;
  stage: string | null;
  offer: string | null;
  key_messages: string; // JSON string[]
  talking_points: string; // JSON string[]
  aliases: ColumnType<string, string | undefined, string>; // JSON string[]: other names leads give for this campaign (default '[]')
  starts_on: string | null; // YYYY-MM-DD
  ends_on: string | null;
  owner_slack_id: string | null;
  owner_email: string | null;
  status: 'active' | 'archived';
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CampaignAssetTable {
  id: Generated<number>;
  campaign_id: number;
  title: string;
  url: string;
  kind: string | null;
  position: number;
  removed_at: string | null;
  created_at: string;
}

export type LeadStatus = 'new' | 'held' | 'accepted' | 'rejected' | 'hot';
/** `unassigned`: nobody owns the lead; it is offered in the sales channel with a Claim button. */
export type LeadDelivery = 'awaiting_owner' | 'unassigned' | 'queued' | 'delivered' | 'failed' | 'not_sent';

export interface LeadTable {
  id: string; // the CRM's id: the idempotency key
  /** Null when the CRM sent none that could be used: the lead is handed over, but no email can be paused. */
  email: string | null;
  email_lower: string | null;
  name: string | null;
  title: string | null;
  company: string | null;
  owner_email: string | null;
  owner_slack_id: string | null;
  campaign_key: string | null; // lower-cased
  /** The buying stage (awareness, consideration, decision) when the CRM's word maps to one, else that word. */
  stage: string | null;
  /** The CRM's own word for the stage, as sent. */
  crm_stage: string | null;
  /** The lead's page in the CRM (the body's record_url, or CRM_RECORD_URL filled in). */
  record_url: string | null;
  /** The CRM's `updated_at` of the version stored (UTC ISO), when it sent one. */
  crm_updated_at: string | null;
  score: number | null;
  activities: string; // JSON Activity[]
  fields: string; // JSON object
  status: LeadStatus;
  delivery: LeadDelivery;
  qualification: string | null; // JSON: rules met / failed
  received_at: string;
  delivered_at: string | null;
  answered_at: string | null;
  answered_by: string | null;
  reject_reason: string | null;
  reject_comment: string | null;
  reminded_at: string | null;
  escalated_at: string | null;
  dm_channel: string | null;
  dm_ts: string | null;
  updated_at: string;
}

export interface LeadEventTable {
  id: Generated<number>;
  lead_id: string;
  type: string;
  actor: string | null;
  detail: string | null; // JSON
  at: string;
}

export type OutboxKind = 'slack.post' | 'slack.update' | 'webhook' | 'crm';
export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  kind: OutboxKind;
  target: string; // channel/user id, or the webhook URL: what Slack's per-channel pace applies to
  payload: string; // JSON
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: string | null;
  result: string | null; // JSON { channel, ts }
  ref_type: string | null; // what to tell when delivered, e.g. 'lead'
  ref_id: string | null;
  created_at: string;
  sent_at: string | null;
  /** Set when an attempt may have posted without us learning its ts (dropped response, timeout, 5xx, a lapsed claim). */
  uncertain_at: ColumnType<string | null, string | null | undefined, string | null>;
  failed_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SlackEventTable {
  event_id: string;
  received_at: string;
}

export interface AppStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export type HotPauseStatus = 'active' | 'released' | 'expired';

export interface HotPauseTable {
  id: Generated<number>;
  email: string;
  email_lower: string;
  /** email_lower while active, NULL once ended: a unique index keeps one active pause per email. */
  active_email: string | null;
  status: HotPauseStatus;
  lead_id: string | null;
  lead_name: string | null;
  company: string | null;
  campaign_key: string | null;
  note: string | null;
  source: 'command' | 'button';
  paused_by: string;
  paused_at: string;
  paused_until: string; // the instant marketing may email again
  extended_by: string | null;
  extended_at: string | null;
  warned_until: string | null; // the paused_until the rep was last warned about
  let_end_by: string | null;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: 'released' | 'expired' | null;
  updated_at: string;
}

export type RatingVerdict = 'useful' | 'not_useful';

export interface ContentRatingTable {
  id: Generated<number>;
  asset_id: number;
  campaign_id: number; // the asset's campaign when rated
  user_id: string; // Slack user id of the rep
  lead_id: string | null; // the lead whose DM carried the button, when there was one
  verdict: RatingVerdict | null; // null: a comment without a rating yet
  rated_at: string | null;
  comment: string | null;
  commented_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DigestPostTable {
  id: Generated<number>;
  channel: string;
  week: string; // ISO week in TZ, e.g. 2026-W48
  period_start: string;
  period_end: string;
  outbox_id: number | null;
  created_at: string;
}

export interface IntakeSignatureTable {
  signature: string;
  route: string;
  seen_at: string;
  expires_at: string;
}

/** Who has which email in Slack, as Slack last said (user_id null: nobody, or their account is gone). */
export interface SlackPersonTable {
  email: string; // lower-cased
  user_id: string | null;
  name: string | null;
  learned_at: string;
  confirmed_at: string;
  check_after: string;
}

/** Refused intake requests, counted per hour (YYYY-MM-DDTHH, UTC), route, answer and reason. */
export interface RefusedRequestTable {
  hour: string;
  route: string;
  status: number;
  reason: string;
  count: number;
}

/** An event receiver that answered 410 Gone: nothing is sent to it until an admin starts it again. */
export interface StoppedEndpointTable {
  url: string;
  reason: string;
  /** Events that were waiting for it when it stopped, dropped. */
  dropped: number;
  stopped_at: string;
}

/** A Salesforce outbound notification already stored (Salesforce resends one it got no Ack for). */
export interface CrmNotificationTable {
  id: string;
  lead_id: string | null;
  received_at: string;
}

/** A rep's `/handoff away`: pools skip them until `until`. */
export interface RepAwayTable {
  user_id: string;
  until: string;
  set_at: string;
}

/** Leads a pool gave each rep: its weighted round robin gives the next to the rep furthest behind. */
export interface RoutingCountTable {
  pool: string;
  user_id: string;
  assigned: number;
}

/** What Slack last said of a pool rep: refreshed by the rep-presence job. */
/** A scheduled job's period, claimed by the replica that runs it. */
export interface JobRunTable {
  job: string;
  /** The scheduled time the period starts at (UTC ISO). */
  period: string;
  claimed_by: string;
  started_at: string;
  finished_at: string | null;
}

export interface RepPresenceTable {
  user_id: string;
  tz: string | null;
  status_text: string | null;
  status_emoji: string | null;
  /** When the status clears by itself; null: it does not. */
  status_until: string | null;
  snooze_until: string | null;
  checked_at: string;
}

export interface Database {
  campaigns: CampaignTable;
  campaign_assets: CampaignAssetTable;
  leads: LeadTable;
  lead_events: LeadEventTable;
  outbox: OutboxTable;
  slack_events: SlackEventTable;
  app_state: AppStateTable;
  hot_pauses: HotPauseTable;
  content_ratings: ContentRatingTable;
  digest_posts: DigestPostTable;
  intake_signatures: IntakeSignatureTable;
  slack_people: SlackPersonTable;
  refused_requests: RefusedRequestTable;
  stopped_endpoints: StoppedEndpointTable;
  crm_notifications: CrmNotificationTable;
  rep_away: RepAwayTable;
  routing_counts: RoutingCountTable;
  rep_presence: RepPresenceTable;
  job_runs: JobRunTable;
}

export type Campaign = Selectable<CampaignTable>;
export type NewCampaign = Insertable<CampaignTable>;
export type CampaignUpdate = Updateable<CampaignTable>;
export type CampaignAsset = Selectable<CampaignAssetTable>;
export type Lead = Selectable<LeadTable>;
export type NewLead = Insertable<LeadTable>;
export type LeadEvent = Selectable<LeadEventTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type HotPause = Selectable<HotPauseTable>;
export type ContentRating = Selectable<ContentRatingTable>;
