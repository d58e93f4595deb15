import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { slackErrorCode } from './client.ts';

export interface SlackUser {
  id: string;
  email: string | null;
  name: string;
  deleted: boolean;
}

/** A person Slack confirmed is asked about again (in the background) after this long. */
export const CONFIRM_AFTER_MS = 24 * 60 * 60_000;
/** Nobody had the email: a miss is kept shorter, since people join Slack all the time. */
export const MISS_RECHECK_MS = 60_000;
const GROUP_TTL_MS = 60_000;

/**
 * Who is who in the workspace. users.lookupByEmail is Tier 3 (about 50 a minute), so what Slack
 * said of an email is kept in the database (`slack_people`): it survives restarts, every process
 * on the database shares it, and an intake commit reads it to queue a known owner's DM at once.
 * At most one call per email or group is in flight in this process, whoever asks.
 */
export class SlackDirectory {
  private lookups = new Map<string, Promise<SlackUser | null>>();
  private groups = new Map<string, { members: Set<string>; until: number }>();
  private groupCalls = new Map<string, Promise<Set<string>>>();
  private bot: { userId: string; botId: string; teamId: string } | undefined;

  constructor(private slack: WebClient, private db: Kysely<Database>, private clock: Clock, private logger: Logger) {}

  /**
   * Resolves an email to a Slack user; null when Slack says nobody has it (or their account is
   * gone). Answers from the database while what it knows is fresh; otherwise asks Slack, once
   * however many callers wait. Throws when Slack cannot be asked (rate limited, down).
   */
  async userByEmail(email: string, options: { fresh?: boolean } = {}): Promise<SlackUser | null> {
    const key = email.trim().toLowerCase();
    if (!options.fresh) {
      const known = await this.db.selectFrom('slack_people').selectAll().where('email', '=', key).executeTakeFirst();
      if (known && known.check_after > this.clock.now().toISOString()) {
        return known.user_id ? { id: known.user_id, email: key, name: known.name ?? known.user_id, deleted: false } : null;
      }
    }
    let call = this.lookups.get(key);
    if (!call) {
      call = this.askSlack(key).finally(() => this.lookups.delete(key));
      this.lookups.set(key, call);
    }
    return call;
  }

  private async askSlack(email: string): Promise<SlackUser | null> {
    let user: SlackUser | null;
    try {
      const res = await this.slack.users.lookupByEmail({ email });
      const u = res.user!;
      user = { id: u.id!, email: u.profile?.email ?? email, name: u.real_name || u.name || u.id!, deleted: Boolean(u.deleted) };
    } catch (error) {
      if (slackErrorCode(error) !== 'users_not_found') throw error;
      user = null;
    }
    await this.remember(email, user && !user.deleted ? user : null);
    return user;
  }

  private async remember(email: string, user: SlackUser | null): Promise<void> {
    const now = this.clock.now();
    const at = now.toISOString();
    const checkAfter = new Date(now.getTime() + (user ? CONFIRM_AFTER_MS : MISS_RECHECK_MS)).toISOString();
    const row = { email, user_id: user?.id ?? null, name: user?.name ?? null, learned_at: at, confirmed_at: at, check_after: checkAfter };
    await this.db
      .insertInto('slack_people')
      .values(row)
      .onConflict((oc) => oc.column('email').doUpdateSet({
        user_id: row.user_id,
        name: row.name,
        confirmed_at: at,
        check_after: checkAfter,
        // A changed answer is something learned anew; the same answer only confirms it.
        learned_at: (eb) => eb.case().when('slack_people.user_id', 'is not distinct from', row.user_id).then(eb.ref('slack_people.learned_at')).else(at).end(),
      }))
      .execute();
  }

  /** The Slack ids of these emails as already learned (even if due for a background check): never calls Slack. */
  async knownUserIds(db: Kysely<Database>, emails: string[]): Promise<Map<string, string>> {
    const known = new Map<string, string>();
    const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await db.selectFrom('slack_people').select(['email', 'user_id']).where('email', 'in', unique.slice(i, i + 500)).where('user_id', 'is not', null).execute();
      for (const r of rows) known.set(r.email, r.user_id!);
    }
    return known;
  }

  /** Emails learned longest ago that are due for a background check, oldest first. */
  async dueForCheck(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('slack_people')
      .select('email')
      .where('user_id', 'is not', null)
      .where('check_after', '<=', this.clock.now().toISOString())
      .orderBy('check_after')
      .limit(limit)
      .execute();
    return rows.map((r) => r.email);
  }

  /**
   * A DM to this user failed as if the account were gone: stop handing leads to it until Slack
   * is asked again. Returns the emails that pointed to it.
   */
  async doubtUser(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('slack_people').select('email').where('user_id', '=', userId).execute();
    if (rows.length > 0) {
      await this.db.updateTable('slack_people').set({ user_id: null, check_after: this.clock.now().toISOString() }).where('user_id', '=', userId).execute();
    }
    return rows.map((r) => r.email);
  }


  /** Members change often, so they are kept a minute, in memory; one call per group in flight. */
  async usergroupMembers(groupId: string): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    const hit = this.groups.get(groupId);
    if (hit && hit.until > now) return hit.members;
    let call = this.groupCalls.get(groupId);
    if (!call) {
      call = this.slack.usergroups.users
        .list({ usergroup: groupId })
        .then((res) => {
          const members = new Set(res.users ?? []);
          this.groups.set(groupId, { members, until: this.clock.now().getTime() + GROUP_TTL_MS });
          return members;
        })
        .finally(() => this.groupCalls.delete(groupId));
      this.groupCalls.set(groupId, call);
    }
    return call;
  }

  botIdentity(): { userId: string; botId: string; teamId: string } | undefined {
    return this.bot;
  }

  /** Learns the bot's ids in the background; requests never wait for it (Slack may be down). */
  async resolveBotIdentity(signal?: AbortSignal): Promise<void> {
    let delay = 1000;
    while (!this.bot && !signal?.aborted) {
      try {
        const res = await this.slack.auth.test();
        this.bot = { userId: res.user_id!, botId: res.bot_id!, teamId: res.team_id! };
        return;
      } catch (error) {
        this.logger.warn({ err: String(error) }, 'could not reach Slack for auth.test; will try again');
        await new Promise((r) => setTimeout(r, delay).unref());
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }
}
