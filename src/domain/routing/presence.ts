// A pool rep's availability as Slack tells it: their time zone (working hours), a status that
// says they are away, notifications snoozed. Read from Slack by a job a few reps at a time and
// kept in the database, so a burst of leads asks Slack nothing.

import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { Database, RepPresenceTable } from '../../db/schema.ts';

/** Status emoji and words that mean "not here". */
const AWAY_EMOJI = new Set([':palm_tree:', ':beach_with_umbrella:', ':desert_island:', ':airplane:', ':face_with_thermometer:', ':thermometer:', ':sick:', ':mask:', ':no_entry:', ':baby:', ':sleeping:']);
const AWAY_WORDS = /\b(out of (the )?office|ooo|vacation(ing)?|on vacation|holiday|on leave|parental leave|sick|pto|away)\b/i;

export interface Presence {
  tz: string | null;
  statusText: string | null;
  statusEmoji: string | null;
  statusUntil: string | null;
  snoozeUntil: string | null;
}

export function presenceOf(row: Pick<RepPresenceTable, 'tz' | 'status_text' | 'status_emoji' | 'status_until' | 'snooze_until'>): Presence {
  return { tz: row.tz, statusText: row.status_text, statusEmoji: row.status_emoji, statusUntil: row.status_until, snoozeUntil: row.snooze_until };
}

/** The status says away, and has not expired. */
export function awayByStatus(p: Presence, now: Date): boolean {
  if (p.statusUntil && Date.parse(p.statusUntil) <= now.getTime()) return false;
  return Boolean((p.statusEmoji && AWAY_EMOJI.has(p.statusEmoji)) || (p.statusText && AWAY_WORDS.test(p.statusText)));
}

/** Asks Slack about these reps (three calls each, one rep at a time) and keeps the answers; a failed rep keeps what was known. */
export async function refreshPresence(db: Kysely<Database>, slack: WebClient, userIds: string[], now: Date): Promise<number> {
  let refreshed = 0;
  for (const user of userIds) {
    try {
      const info = await slack.users.info({ user });
      const profile = await slack.users.profile.get({ user });
      const dnd = await slack.dnd.info({ user });
      const p = profile.profile as { status_text?: string; status_emoji?: string; status_expiration?: number } | undefined;
      const snooze = (dnd as { snooze_enabled?: boolean; snooze_endtime?: number }).snooze_enabled ? (dnd as { snooze_endtime?: number }).snooze_endtime : undefined;
      const row = {
        user_id: user,
        tz: (info.user as { tz?: string } | undefined)?.tz ?? null,
        status_text: p?.status_text || null,
        status_emoji: p?.status_emoji || null,
        status_until: p?.status_expiration ? new Date(p.status_expiration * 1000).toISOString() : null,
        snooze_until: snooze ? new Date(snooze * 1000).toISOString() : null,
        checked_at: now.toISOString(),
      };
      await db.insertInto('rep_presence').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet({ ...row })).execute();
      refreshed += 1;
    } catch {
      // Slack did not answer for this rep: what was known stays until the next run.
    }
  }
  return refreshed;
}
