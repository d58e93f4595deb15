// Web API method handlers for the stand-in: plain functions over an in-memory workspace.
// Response shapes and error strings follow slack-platform.md 4.3; where Slack is lenient
// (unknown channel ids are accepted) or strict (users_not_found vs user_not_found) we copy it,
// because the app's error handling is only tested if the stand-in fails the way Slack fails.

import type { StandInUser, StoredMessage } from './slack-standin.ts';
import { checkBlocks, checkView } from './block-limits.ts';

export interface Reply {
  status: number;
  body: any;
  headers?: Record<string, string>;
}

export interface StandInState {
  botUserId: string;
  botId: string;
  teamId: string;
  appId: string;
  users: Map<string, StandInUser>;
  usergroups: Map<string, string[]>;
  /** Channels conversations.info knows (name, and whether the bot is a member). */
  channels: Map<string, { name: string; member: boolean }>;
  /** keyed `${channel}/${ts}`; Map order is post order */
  messages: Map<string, StoredMessage>;
  /** view id -> the view object as Slack returns it */
  views: Map<string, any>;
  /** user id -> published Home tab view */
  homeViews: Map<string, any>;
  usedTriggers: Set<string>;
  lastPostAt: Map<string, number>;
  perChannelPerSec?: number;
  nextTs(): string;
  nextId(prefix: string): string;
  dmChannelFor(userId: string): string;
  /** Where a Socket Mode client opens its WebSocket. */
  socketModeUrl(): string;
}

type Args = Record<string, any>;
type Handler = (a: Args, s: StandInState, token: string) => Reply;

const ok = (body: Args = {}): Reply => ({ status: 200, body: { ok: true, ...body } });
const fail = (error: string, messages?: string[]): Reply => ({
  status: 200,
  body: messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error },
});
const truthy = (v: unknown) => v === true || v === 'true' || v === 1 || v === '1';
const msgKey = (channel: string, ts: string) => `${channel}/${ts}`;

/** ts strings have six fractional digits; comparing as floats loses precision, so use microseconds. */
export function tsMicros(ts: string | number | undefined): number {
  if (ts === undefined || ts === '') return NaN;
  const [sec, frac = ''] = String(ts).split('.');
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

// Slack posts to ids it has never heard of as long as they look like conversation or user ids;
// 'CNOTFOUND…' is the agreed way for tests to ask for channel_not_found.
function channelError(channel: unknown): string | null {
  if (typeof channel !== 'string' || !/^[CGDUW]/.test(channel) || channel.startsWith('CNOTFOUND')) return 'channel_not_found';
  return null;
}

function contentError(a: Args): Reply | null {
  const hasBlocks = Array.isArray(a.blocks) ? a.blocks.length > 0 : a.blocks !== undefined;
  if (!a.text && !hasBlocks && !a.attachments) return fail('no_text');
  if (typeof a.text === 'string' && a.text.length > 40_000) return fail('msg_too_long');
  if (a.blocks !== undefined) {
    const problem = checkBlocks(a.blocks, 'message');
    if (problem) return fail(problem.error, problem.messages);
  }
  if (a.metadata !== undefined) {
    const m = a.metadata;
    if (!m || typeof m !== 'object' || typeof m.event_type !== 'string' || (m.event_payload !== undefined && typeof m.event_payload !== 'object')) {
      return fail('invalid_metadata_format');
    }
  }
  return null;
}

function messageJson(m: StoredMessage, s: StandInState, withMetadata: boolean): Args {
  const out: Args = { type: 'message', text: m.text ?? '', user: m.user, bot_id: m.bot_id, app_id: s.appId, team: s.teamId, ts: m.ts };
  if (m.blocks) out.blocks = m.blocks;
  if (m.thread_ts) out.thread_ts = m.thread_ts;
  if (m.updated) out.edited = { user: m.user, ts: m.ts };
  if (withMetadata && m.metadata) out.metadata = m.metadata;
  return out;
}

function userJson(u: StandInUser, s: StandInState): Args {
  const name = u.name ?? u.email.split('@')[0];
  const realName = u.real_name ?? name;
  const tz = u.tz ?? 'America/Los_Angeles';
  return {
    id: u.id, team_id: s.teamId, name, deleted: !!u.deleted, color: '9f69e7', real_name: realName,
    tz, ...tzFields(tz),
    profile: { email: u.email, real_name: realName, real_name_normalized: realName, display_name: name, display_name_normalized: name, team: s.teamId },
    is_admin: !!u.is_admin, is_owner: false, is_primary_owner: false, is_restricted: false, is_ultra_restricted: false,
    is_bot: false, is_app_user: false, updated: 1700000000,
  };
}

function tzFields(tz: string): { tz_label: string; tz_offset: number } {
  try {
    const part = (style: 'long' | 'longOffset') =>
      new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
    const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
    return { tz_label: part('long'), tz_offset: offset };
  } catch {
    return { tz_label: 'Coordinated Universal Time', tz_offset: 0 };
  }
}

function viewJson(s: StandInState, input: Args, id: string, previous?: Args): Args {
  const home = input.type === 'home';
  return {
    id, team_id: s.teamId, type: input.type,
    title: input.title, submit: input.submit ?? null, close: input.close ?? null,
    blocks: input.blocks ?? [],
    private_metadata: input.private_metadata ?? '', callback_id: input.callback_id ?? '', external_id: input.external_id ?? '',
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${s.nextId('').slice(-8)}`,
    clear_on_close: !!input.clear_on_close, notify_on_close: !!input.notify_on_close,
    root_view_id: previous?.root_view_id ?? id, previous_view_id: home ? null : (previous?.previous_view_id ?? null),
    app_id: s.appId, app_installed_team_id: s.teamId, bot_id: s.botId,
  };
}

function viewArgError(view: Args, allowed: Array<'modal' | 'home'>, s: StandInState, ownId?: string): Reply | null {
  const problems = checkView(view, allowed);
  if (problems.length) return fail('invalid_arguments', problems);
  if (JSON.stringify(view).length > 250_000) return fail('view_too_large');
  if (view.external_id && [...s.views.values()].some((v) => v.external_id === view.external_id && v.id !== ownId)) return fail('duplicate_external_id');
  return null;
}

function useTrigger(a: Args, s: StandInState): Reply | null {
  if (!a.trigger_id) return fail('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
  // A trigger_id opens exactly one view in Slack; a second use is an app bug worth surfacing.
  if (s.usedTriggers.has(a.trigger_id)) return fail('exchanged_trigger_id');
  return null;
}

function historyPage(list: StoredMessage[], a: Args, s: StandInState): Args {
  const limit = Math.min(Math.max(Number(a.limit ?? 100) || 100, 1), 999);
  const offset = a.cursor ? Number(Buffer.from(String(a.cursor), 'base64url').toString()) || 0 : 0;
  const page = list.slice(offset, offset + limit);
  const hasMore = list.length > offset + limit;
  return {
    messages: page.map((m) => messageJson(m, s, truthy(a.include_all_metadata))),
    has_more: hasMore,
    pin_count: 0,
    response_metadata: { next_cursor: hasMore ? Buffer.from(String(offset + limit)).toString('base64url') : '' },
  };
}

export const methods: Record<string, Handler> = {
  'auth.test': (_a, s) =>
    ok({ url: 'https://handoff-demo.slack.com/', team: 'Handoff Demo', user: 'handoff', team_id: s.teamId, user_id: s.botUserId, bot_id: s.botId, is_enterprise_install: false }),

  // Only an app-level token may open a Socket Mode connection; Slack refuses a bot token so.
  'apps.connections.open': (_a, s, token) => (token.startsWith('xapp-') ? ok({ url: s.socketModeUrl() }) : fail('not_allowed_token_type')),

  'chat.postMessage': (a, s) => {
    const bad = channelError(a.channel);
    if (bad) return fail(bad);
    const invalid = contentError(a);
    if (invalid) return invalid;
    // A deactivated account: Slack will not open a DM with it, and its DM is archived.
    if (/^[UW]/.test(a.channel) && s.users.get(a.channel)?.deleted) return fail('user_disabled');
    if (/^D/.test(a.channel) && [...s.users.values()].some((u) => u.deleted && s.dmChannelFor(u.id) === a.channel)) return fail('is_archived');
    const channel = /^[UW]/.test(a.channel) ? s.dmChannelFor(a.channel) : a.channel;
    if (s.perChannelPerSec) {
      const last = s.lastPostAt.get(channel);
      if (last !== undefined && Date.now() - last < 1000 / s.perChannelPerSec) {
        return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
      }
    }
    s.lastPostAt.set(channel, Date.now());
    const msg: StoredMessage = { channel, ts: s.nextTs(), text: a.text, user: s.botUserId, bot_id: s.botId };
    if (a.blocks !== undefined) msg.blocks = a.blocks;
    if (a.metadata !== undefined) msg.metadata = a.metadata;
    if (a.thread_ts) msg.thread_ts = String(a.thread_ts);
    s.messages.set(msgKey(channel, msg.ts), msg);
    return ok({ channel, ts: msg.ts, message: messageJson(msg, s, true) });
  },

  'chat.update': (a, s) => {
    const bad = channelError(a.channel);
    if (bad) return fail(bad);
    const msg = a.ts ? s.messages.get(msgKey(a.channel, String(a.ts))) : undefined;
    if (!msg) return fail('message_not_found');
    const invalid = contentError(a);
    if (invalid) return invalid;
    // Slack keeps whatever the update leaves out (blocks: [] is how you remove them).
    if (a.text !== undefined) msg.text = a.text;
    if (a.blocks !== undefined) msg.blocks = a.blocks;
    if (a.metadata !== undefined) msg.metadata = a.metadata;
    msg.updated = true;
    return ok({ channel: msg.channel, ts: msg.ts, text: msg.text ?? '', message: messageJson(msg, s, true) });
  },

  'chat.postEphemeral': (a, s) => {
    const bad = channelError(a.channel);
    if (bad) return fail(bad);
    if (!a.user) return fail('invalid_arguments', ['[ERROR] missing required field: user']);
    return contentError(a) ?? ok({ message_ts: s.nextTs() });
  },

  'chat.getPermalink': (a, s) => {
    const bad = channelError(a.channel);
    if (bad) return fail(bad);
    const msg = a.message_ts ? s.messages.get(msgKey(a.channel, String(a.message_ts))) : undefined;
    if (!msg) return fail('message_not_found');
    const thread = msg.thread_ts && msg.thread_ts !== msg.ts ? `?thread_ts=${msg.thread_ts}&cid=${msg.channel}` : '';
    return ok({ channel: msg.channel, permalink: `https://handoff-demo.slack.com/archives/${msg.channel}/p${msg.ts.replace('.', '')}${thread}` });
  },

  'conversations.open': (a, s) => {
    if (a.channel) return channelError(a.channel) ? fail('channel_not_found') : ok({ channel: { id: a.channel } });
    const users = String(a.users ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    if (!users.length) return fail('users_list_not_supplied');
    if (users.some((u) => !/^[UW]/.test(u))) return fail('user_not_found');
    if (users.some((u) => s.users.get(u)?.deleted)) return fail('user_disabled');
    if (users.length > 8) return fail('too_many_users');
    const id = users.length === 1 ? s.dmChannelFor(users[0]) : `G${[...users].sort().join('').replace(/[^A-Z0-9]/g, '').slice(0, 10)}`;
    const full = truthy(a.return_im) && users.length === 1
      ? { created: Math.floor(Date.now() / 1000), is_im: true, is_org_shared: false, user: users[0], is_open: true }
      : {};
    return ok({ channel: { id, ...full } });
  },

  'conversations.history': (a, s) => {
    const bad = channelError(a.channel);
    if (bad) return fail(bad);
    const inclusive = truthy(a.inclusive);
    const oldest = a.oldest !== undefined ? tsMicros(a.oldest) : -Infinity;
    const latest = a.latest !== undefined ? tsMicros(a.latest) : Infinity;
    const list = [...s.messages.values()]
      .filter((m) => m.channel === a.channel && (!m.thread_ts || m.thread_ts === m.ts))
      .filter((m) => {
        const t = tsMicros(m.ts);
        return inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
      })
      .reverse();
    return ok(historyPage(list, a, s));
  },

  'conversations.replies': (a, s) => {
    const bad = channelError(a.channel);
    if (bad) return fail(bad);
    const parent = a.ts ? s.messages.get(msgKey(a.channel, String(a.ts))) : undefined;
    if (!parent) return fail('thread_not_found');
    const replies = [...s.messages.values()].filter((m) => m.channel === a.channel && m.thread_ts === parent.ts && m !== parent);
    return ok(historyPage([parent, ...replies], a, s));
  },

  'users.lookupByEmail': (a, s) => {
    const email = String(a.email ?? '').toLowerCase();
    const user = [...s.users.values()].find((u) => u.email.toLowerCase() === email);
    return user ? ok({ user: userJson(user, s) }) : fail('users_not_found');
  },

  'users.info': (a, s) => {
    const user = s.users.get(String(a.user ?? ''));
    return user ? ok({ user: userJson(user, s) }) : fail('user_not_found');
  },

  'users.list': (_a, s) =>
    ok({ members: [...s.users.values()].map((u) => userJson(u, s)), cache_ts: Math.floor(Date.now() / 1000), response_metadata: { next_cursor: '' } }),

  // users.profile.get: the profile with the status fields (users.profile:read).
  'users.profile.get': (a, s) => {
    const user = s.users.get(String(a.user ?? ''));
    if (!user) return fail('user_not_found');
    return ok({ profile: { ...(userJson(user, s).profile as object), status_text: user.status_text ?? '', status_emoji: user.status_emoji ?? '', status_expiration: user.status_expiration ?? 0 } });
  },

  // dnd.info (dnd:read): a snooze the user set, and their scheduled do-not-disturb hours (none here).
  'dnd.info': (a, s) => {
    const user = s.users.get(String(a.user ?? ''));
    if (!user) return fail('user_not_found');
    const now = Math.floor(Date.now() / 1000);
    const snoozed = (user.snooze_endtime ?? 0) > now;
    return ok({ dnd_enabled: false, next_dnd_start_ts: 1, next_dnd_end_ts: 1, snooze_enabled: snoozed, ...(snoozed ? { snooze_endtime: user.snooze_endtime, snooze_remaining: user.snooze_endtime! - now } : {}) });
  },

  'conversations.info': (a, s) => {
    const id = String(a.channel ?? '');
    if (!/^[CG][A-Z0-9]{2,}$/.test(id)) return fail('channel_not_found');
    const known = s.channels.get(id);
    return ok({ channel: { id, name: known?.name ?? id.toLowerCase(), is_channel: true, is_private: id.startsWith('G'), is_member: known?.member ?? true } });
  },

  'usergroups.users.list': (a, s) => {
    const users = s.usergroups.get(String(a.usergroup ?? ''));
    return users ? ok({ users: [...users] }) : fail('no_such_subteam');
  },

  'views.open': (a, s) => {
    const invalid = useTrigger(a, s) ?? viewArgError(a.view, ['modal'], s);
    if (invalid) return invalid;
    s.usedTriggers.add(a.trigger_id);
    const view = viewJson(s, a.view, s.nextId('V'));
    s.views.set(view.id, view);
    return ok({ view });
  },

  'views.push': (a, s) => {
    const invalid = useTrigger(a, s) ?? viewArgError(a.view, ['modal'], s);
    if (invalid) return invalid;
    s.usedTriggers.add(a.trigger_id);
    const view = viewJson(s, a.view, s.nextId('V'));
    s.views.set(view.id, view);
    return ok({ view });
  },

  'views.update': (a, s) => {
    if (!a.view_id && !a.external_id) return fail('invalid_arguments', ['[ERROR] missing required field: view_id or external_id']);
    const previous = a.view_id ? s.views.get(a.view_id) : [...s.views.values()].find((v) => v.external_id === a.external_id);
    // Views the app did not open here (e.g. one a test put in a view_submission payload) are
    // taken on trust so the flow can continue; a garbage id is still rejected.
    if (!previous && !(typeof a.view_id === 'string' && a.view_id.startsWith('V'))) return fail('not_found');
    if (previous && a.hash && a.hash !== previous.hash) return fail('hash_conflict');
    const id: string = previous?.id ?? a.view_id;
    const invalid = viewArgError(a.view, ['modal', 'home'], s, id);
    if (invalid) return invalid;
    const view = viewJson(s, a.view, id, previous);
    s.views.set(id, view);
    return ok({ view });
  },

  'views.publish': (a, s) => {
    if (!a.user_id || !/^[UW]/.test(String(a.user_id))) return fail('invalid_arguments', ['invalid `user_id`']);
    const previous = s.homeViews.get(a.user_id);
    if (previous && a.hash && a.hash !== previous.hash) return fail('hash_conflict');
    const invalid = viewArgError(a.view, ['home'], s, previous?.id);
    if (invalid) return invalid;
    const view = viewJson(s, a.view, previous?.id ?? s.nextId('V'), previous);
    s.homeViews.set(a.user_id, view);
    s.views.set(view.id, view);
    return ok({ view });
  },
};
