import type { KnownBlock } from '@slack/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database, HotPause, Lead } from '../db/schema.ts';
import type { HeldSummary } from './mql/held.ts';
import type { MqlRules } from './mql/rules.ts';
import type { DigestData } from './digest/data.ts';
import type { CampaignBrief } from './campaigns/queries.ts';
import type { LeadAnswerView } from './leads/model.ts';
import type { MoveReason } from './leads/move.ts';

// What the domain tells people, as data. The domain says which notice goes where; the
// notifier (src/notices/) renders each with its view and queues it in the same transaction.
// A new notice is a new member here and a case in src/notices/render.ts.

/** Everything the lead's DM shows. */
export interface LeadDmData {
  lead: Lead;
  campaign: CampaignBrief | undefined;
  /** The answers given so far, oldest first. */
  answers: LeadAnswerView[];
}

/** The campaign a pause came from, when the lead named one. */
export interface PauseCampaign {
  key: string;
  name: string | null;
}

/** A held lead released from the summary: shown in place of its button. */
export interface ReleasedMark {
  by: string;
  at: string;
  owner: string | null;
}

export type Notice =
  | { type: 'lead.dm'; data: LeadDmData }
  /** The old owner's DM once the lead is someone else's. */
  | { type: 'lead.moved'; before: Lead; after: Pick<Lead, 'owner_slack_id' | 'owner_email'>; why: MoveReason }
  | { type: 'lead.owner_not_found'; lead: Lead; ownerEmail: string }
  | { type: 'lead.unknown_campaign'; lead: Lead; key: string; named: string }
  | { type: 'lead.rejected'; lead: Lead; by: string; reason: string; comment: string | null }
  | { type: 'lead.reminder'; lead: Lead; slaMs: number; dueAt: Date }
  | { type: 'lead.escalated'; lead: Lead; slaMs: number }
  | { type: 'lead.escalations'; leads: Lead[] }
  | { type: 'lead.claim_offer'; lead: Lead }
  | { type: 'lead.away_offer'; lead: Lead; owner: string; ownerAway: string }
  | { type: 'lead.claimed'; lead: Lead; by: string; from: string | null }
  | { type: 'pause.started'; pause: HotPause; campaign: PauseCampaign | null }
  | { type: 'pause.extended' | 'pause.shortened'; pause: HotPause; previousUntil: string; by: string; campaign: PauseCampaign | null }
  | { type: 'pause.resumed'; pause: HotPause; reason: 'released' | 'expired'; by: string | null; campaign: PauseCampaign | null }
  | { type: 'pause.ending'; pause: HotPause }
  | { type: 'pause.warning_answered'; pause: HotPause; answer: 'extended' | 'let_end' | 'ended'; by: string }
  | { type: 'mql.definition_changed'; before: MqlRules | undefined; after: MqlRules | undefined; first: boolean }
  | { type: 'mql.held_summary'; summary: HeldSummary }
  /** The summary a lead was released from, as Slack echoed it, with every release so far. */
  | { type: 'mql.held_released'; text: string; blocks: KnownBlock[]; released: Map<string, ReleasedMark> }
  | { type: 'digest'; data: DigestData; onDemand: boolean };

export interface NoticeOptions {
  /** At most one row ever exists per key: queueing it again is a no-op. */
  dedupeKey?: string;
  /** What the sent message is about, for the delivery hooks (e.g. the lead whose DM it is). */
  refType?: string;
  refId?: string;
}

/** One transaction's outgoing work; what it holds takes effect only if the transaction commits. */
export interface Outgoing {
  readonly trx: Transaction<Database>;
  readonly now: Date;
  /** A new message in a channel or DM; `created` is false when its dedupe key was taken. */
  post(channel: string, notice: Notice, options?: NoticeOptions): Promise<{ id: number | null; created: boolean }>;
  /** Many posts in a few statements (lead intake); returns how many were new. */
  postMany(items: Array<{ channel: string; notice: Notice } & NoticeOptions>): Promise<number>;
  /** A message already in Slack, rewritten. */
  update(message: { channel: string; ts: string }, notice: Notice): Promise<{ id: number | null; created: boolean }>;
  /** These people's App Homes change with this transaction: refresh them after the commit. */
  refreshHome(...people: Array<string | null | undefined>): void;
}

export interface Notifier {
  /**
   * Runs `work` in one transaction. After it commits — and, with `durably`, once the commit is
   * on disk — the sender is woken if the transaction queued any outbox row (a notice, an event, a
   * CRM write-back) and the Homes named are refreshed. `now` (default: the clock) is the time the
   * rows are queued at.
   */
  transaction<T>(work: (out: Outgoing) => Promise<T>, options?: { durably?: boolean; now?: Date }): Promise<T>;
  /** The same, on another handle to the database (the one a delivery hook is given). */
  on(db: Kysely<Database>): Notifier;
}
