import type { Kysely, Transaction } from 'kysely';
import type { Database, HotPause } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A lead's facts a pause needs: who it is, who owns it, where it came from. */
export interface PauseLead {
  id: string;
  email: string | null;
  name: string | null;
  company: string | null;
  campaign_key: string | null;
  owner_slack_id: string | null;
  status: string;
  received_at: string;
}

export async function findActivePause(db: Db, emailLower: string): Promise<HotPause | undefined> {
  return db.selectFrom('hot_pauses').selectAll().where('active_email', '=', emailLower).executeTakeFirst();
}

export async function findPauseById(db: Db, id: number): Promise<HotPause | undefined> {
  return db.selectFrom('hot_pauses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a list of pauses shows of each (`/hotlead list`, the App Home). */
export type ListedPause = Pick<HotPause, 'id' | 'email' | 'lead_name' | 'note' | 'paused_by' | 'paused_until'>;

/**
 * Active pauses, soonest end first; only one person's when `pausedBy` is given. Only the
 * columns a list shows: `/hotlead list` answers inside Slack's ack, and every row is read there.
 */
export async function listActivePauses(db: Db, pausedBy?: string): Promise<ListedPause[]> {
  let q = db
    .selectFrom('hot_pauses')
    .select(['id', 'email', 'lead_name', 'note', 'paused_by', 'paused_until'])
    .where('status', '=', 'active');
  if (pausedBy) q = q.where('paused_by', '=', pausedBy);
  return q.orderBy('paused_until').orderBy('id').execute();
}

/** Every lead Handoff holds with this email, newest first. */
export async function leadsWithEmail(db: Db, emailLower: string): Promise<PauseLead[]> {
  return db
    .selectFrom('leads')
    .select(['id', 'email', 'name', 'company', 'campaign_key', 'owner_slack_id', 'status', 'received_at'])
    .where('email_lower', '=', emailLower)
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findLeadForPause(db: Db, leadId: string): Promise<PauseLead | undefined> {
  return db
    .selectFrom('leads')
    .select(['id', 'email', 'name', 'company', 'campaign_key', 'owner_slack_id', 'status', 'received_at'])
    .where('id', '=', leadId)
    .executeTakeFirst();
}

/** The lead a pause describes: the one it came from, else the caller's newest, else the newest. */
export function pickLead(leads: PauseLead[], by: string, leadId?: string): PauseLead | undefined {
  return (leadId ? leads.find((l) => l.id === leadId) : undefined)
    ?? leads.find((l) => l.owner_slack_id === by)
    ?? leads[0];
}

const OPEN_STATUSES = new Set(['new', 'accepted', 'held']);

/** A lead that can still be answered hot: not rejected, not hot already. */
export function isOpenLead(lead: Pick<PauseLead, 'status'>): boolean {
  return OPEN_STATUSES.has(lead.status);
}

/** Leads a rep's `/hotlead` answers as hot: their own open ones. */
export function openLeadsOf(leads: PauseLead[], by: string): PauseLead[] {
  return leads.filter((l) => l.owner_slack_id === by && isOpenLead(l));
}

/** Owners of the leads with this email: they may release its pause. */
export function ownersOf(leads: PauseLead[]): string[] {
  return [...new Set(leads.map((l) => l.owner_slack_id).filter((o): o is string => Boolean(o)))];
}

/** Adds one entry to the timeline of every lead with this email; returns the entries' ids. */
export async function addToTimelines(
  db: Db,
  leads: Pick<PauseLead, 'id'>[],
  entry: { type: string; actor: string | null; detail: Record<string, unknown>; at: string },
): Promise<{ id: number; lead_id: string }[]> {
  if (leads.length === 0) return [];
  return db
    .insertInto('lead_events')
    .values(leads.map((l) => ({ lead_id: l.id, type: entry.type, actor: entry.actor, detail: JSON.stringify(entry.detail), at: entry.at })))
    .returning(['id', 'lead_id'])
    .execute();
}

/** True for the unique-index violation two racing pauses of one email produce (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
}

/** A rep's active pauses as the App Home lists them. */
export async function pausesForHome(db: Db, userId: string): Promise<{ email: string; leadName: string | null; pausedUntil: string }[]> {
  const rows = await listActivePauses(db, userId);
  return rows.map((p) => ({ email: p.email, leadName: p.lead_name, pausedUntil: p.paused_until }));
}
