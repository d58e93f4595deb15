// A local Slack Web API over real HTTP, for tests and `handoff demo`.
// It speaks the wire format @slack/web-api uses (POST /api/<method>, form-encoded, JSON strings
// inside fields) so the app under test runs its real client code, retries and error handling.
// Faults are injected at the HTTP level for the same reason: the client must see what it
// would see from Slack (429 + Retry-After, 5xx, a dropped connection), not a mocked exception.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SocketModeLinks } from './socket-mode-links.ts';
import { methods, type Reply, type StandInState } from './web-api-methods.ts';

export interface StandInUser {
  id: string; email: string; name?: string; real_name?: string; is_admin?: boolean; deleted?: boolean; tz?: string;
  /** The Slack status (users.profile.get), with its expiry in Unix seconds (0: none). */
  status_text?: string; status_emoji?: string; status_expiration?: number;
  /** Notifications snoozed until (Unix seconds), as dnd.info reports. */
  snooze_endtime?: number;
}
export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  at: number;
  ok: boolean;
  error?: string;
  /** HTTP status answered; 0 while in flight or when the connection was dropped */
  status: number;
  /** which injected fault (if any) shaped this answer */
  fault?: Fault['kind'];
}
export type Fault =
  | { kind: 'rate_limited'; retryAfterSec: number }
  | { kind: 'http_error'; status: number }
  | { kind: 'slack_error'; error: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop_after_success' };
export interface FaultRule { method: string; fault: Fault; times?: number; match?: (args: Record<string, any>) => boolean }
export interface StandInOptions {
  port?: number;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  users?: StandInUser[];
  usergroups?: Record<string, string[]>;
  /** Slack-like postMessage pace: a post to a channel sooner than 1/rate after the previous one gets 429 Retry-After: 1 */
  perChannelPerSec?: number;
  randomFaults?: { rate429?: number; rate5xx?: number; slowRate?: number; slowMs?: number; seed?: number };
  /** The bot token's scopes, sent in every answer's `x-oauth-scopes` header as Slack does (default: the manifest's). */
  scopes?: string[];
  /** Channels conversations.info knows, and whether the bot is in each; others: a channel the bot is in. */
  channels?: Record<string, { name: string; member: boolean }>;
}

/** The bot scopes manifest.yml asks for. */
export const MANIFEST_SCOPES = ['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'users:read.email', 'usergroups:read', 'channels:history', 'groups:history', 'users.profile:read', 'dnd:read'];
export interface StoredMessage { channel: string; ts: string; text?: string; blocks?: any[]; metadata?: any; thread_ts?: string; updated?: boolean; user: string; bot_id: string }

// Fields whose string value is the payload itself, never JSON to decode (a lead note may start with '[').
const LITERAL_FIELDS = new Set(['text', 'markdown_text', 'email', 'token', 'username']);
// Every call on a lead's path: its owner's lookup, the DM's conversation, the post and its later edits.
const RANDOM_FAULT_METHODS = new Set(['chat.postMessage', 'chat.update', 'conversations.open', 'users.lookupByEmail']);

/** mulberry32: tiny seeded PRNG so soak runs with the same seed see the same faults. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.startsWith('application/json')) {
    const parsed = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? parsed : {};
  }
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = value;
    if (!LITERAL_FIELDS.has(key) && /^\s*[[{]/.test(value)) {
      try { args[key] = JSON.parse(value); } catch { /* Slack would reject it later as a bad format */ }
    }
  }
  return args;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SlackStandIn {
  readonly url: string;
  readonly origin: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  calls: RecordedCall[] = [];
  /** Socket Mode WebSocket links, opened from the URLs apps.connections.open hands out. */
  readonly socketMode: SocketModeLinks;

  private readonly state: StandInState;
  private faults: Array<{ rule: FaultRule; left: number }> = [];
  private waiters = new Set<() => void>();
  private random: () => number;
  private lastTsMicros = 0;
  private idCounter = 0;

  private constructor(private readonly server: http.Server, private readonly opts: StandInOptions) {
    const port = (server.address() as AddressInfo).port;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}/api/`;
    this.teamId = opts.teamId ?? 'T0HANDOFF';
    this.botUserId = opts.botUserId ?? 'UBOT0001';
    this.botId = opts.botId ?? 'BBOT0001';
    this.random = prng(opts.randomFaults?.seed ?? 1);
    this.socketMode = new SocketModeLinks('A0HANDOFF');
    this.state = {
      botUserId: this.botUserId, botId: this.botId, teamId: this.teamId, appId: 'A0HANDOFF',
      users: new Map((opts.users ?? []).map((u) => [u.id, u])),
      usergroups: new Map(Object.entries(opts.usergroups ?? {})),
      messages: new Map(), views: new Map(), homeViews: new Map(), usedTriggers: new Set(), lastPostAt: new Map(),
      perChannelPerSec: opts.perChannelPerSec,
      channels: new Map(Object.entries(opts.channels ?? {})),
      nextTs: () => this.nextTs(),
      nextId: (prefix) => `${prefix}${(++this.idCounter).toString(36).toUpperCase().padStart(8, '0')}`,
      dmChannelFor: (userId) => this.dmChannelFor(userId),
      socketModeUrl: () => `ws://127.0.0.1:${port}/link/?ticket=${this.state.nextId('TICKET')}`,
    };
  }

  static async start(opts: StandInOptions = {}): Promise<SlackStandIn> {
    // The server needs the stand-in and the stand-in needs the server: the holder breaks the cycle.
    const holder: { standIn?: SlackStandIn } = {};
    const server = http.createServer((req, res) => {
      holder.standIn!.handle(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`stand-in error: ${err instanceof Error ? err.message : String(err)}`);
      });
    });
    server.on('upgrade', (req, socket) => {
      if (new URL(req.url ?? '/', 'http://localhost').pathname === '/link/') holder.standIn!.socketMode.accept(req, socket);
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    holder.standIn = new SlackStandIn(server, opts);
    return holder.standIn;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  okCalls(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.ok);
  }

  waitFor(method: string, predicate: (c: RecordedCall) => boolean = () => true, opts: { timeoutMs?: number; count?: number } = {}): Promise<RecordedCall[]> {
    const count = opts.count ?? 1;
    const timeoutMs = opts.timeoutMs ?? 5000;
    const matching = () => this.calls.filter((c) => {
      if (c.method !== method || !c.ok) return false;
      try { return predicate(c); } catch { return false; }
    });
    return new Promise((resolve, reject) => {
      const now = matching();
      if (now.length >= count) return resolve(now);
      const check = () => {
        const found = matching();
        if (found.length < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const recent = this.calls.slice(-20).map((c) => {
          const args = JSON.stringify(c.args);
          return `  ${c.method} status=${c.status} ok=${c.ok}${c.error ? ` error=${c.error}` : ''} args=${args.length > 200 ? `${args.slice(0, 200)}…` : args}`;
        });
        reject(new Error(
          `waitFor('${method}') timed out after ${timeoutMs}ms: wanted ${count} matching ok call(s), saw ${matching().length}. ` +
          `Last ${recent.length} of ${this.calls.length} calls:\n${recent.join('\n') || '  (none)'}`,
        ));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  messages(channel?: string): StoredMessage[] {
    const all = [...this.state.messages.values()];
    return channel === undefined ? all : all.filter((m) => m.channel === channel);
  }

  /** The last Home tab published for a user, as views.publish returned it. */
  homeView(userId: string): any | undefined {
    return this.state.homeViews.get(userId);
  }

  /** A view opened, pushed, updated or published here, as Slack returned it. */
  view(viewId: string): any | undefined {
    return this.state.views.get(viewId);
  }

  /** All views opened/pushed/updated/published, oldest first. */
  views(): any[] {
    return [...this.state.views.values()];
  }

  addUser(u: StandInUser): void {
    this.state.users.set(u.id, u);
  }

  user(userId: string): StandInUser | undefined {
    return this.state.users.get(userId);
  }

  setUsergroup(id: string, userIds: string[]): void {
    this.state.usergroups.set(id, [...userIds]);
  }

  addFault(rule: FaultRule): void {
    this.faults.push({ rule, left: rule.times ?? Infinity });
  }

  clearFaults(): void {
    this.faults = [];
  }

  responseUrl(id: string = this.state.nextId('R')): string {
    return `${this.origin}/respond/${encodeURIComponent(id)}`;
  }

  dmChannelFor(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  reset(): void {
    this.calls = [];
    this.faults = [];
    const s = this.state;
    s.messages.clear(); s.views.clear(); s.homeViews.clear(); s.usedTriggers.clear(); s.lastPostAt.clear();
    this.random = prng(this.opts.randomFaults?.seed ?? 1);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.socketMode.closeAll();
    await closed;
  }

  // Strictly increasing, unique, and close to wall-clock time, like Slack's message ts.
  private nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 100);
    const sec = Math.floor(this.lastTsMicros / 1_000_000);
    return `${sec}.${String(this.lastTsMicros % 1_000_000).padStart(6, '0')}`;
  }

  private takeFault(method: string, args: Record<string, any>): Fault | undefined {
    for (const entry of this.faults) {
      if (entry.left <= 0 || entry.rule.method !== method) continue;
      if (entry.rule.match && !entry.rule.match(args)) continue;
      entry.left -= 1;
      return entry.rule.fault;
    }
    const r = this.opts.randomFaults;
    if (!r || !RANDOM_FAULT_METHODS.has(method)) return undefined;
    // Draw the same number of values on every call so one setting does not shift the others' sequence.
    const [a, b] = [this.random(), this.random()];
    if (a < (r.rate429 ?? 0)) return { kind: 'rate_limited', retryAfterSec: 1 };
    if (a < (r.rate429 ?? 0) + (r.rate5xx ?? 0)) return { kind: 'http_error', status: 503 };
    if (b < (r.slowRate ?? 0)) return { kind: 'delay', ms: r.slowMs ?? 1500 };
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', this.origin);

    let method: string;
    let args: Record<string, any>;
    const respondMatch = /^\/respond\/([^/]+)$/.exec(path.pathname);
    const apiMatch = /^\/api\/([\w.]+)$/.exec(path.pathname);
    try {
      if (respondMatch) {
        method = 'response_url';
        args = { ...parseArgs(raw, req.headers['content-type']), _id: decodeURIComponent(respondMatch[1]) };
      } else if (apiMatch) {
        method = apiMatch[1];
        args = { ...Object.fromEntries(path.searchParams), ...parseArgs(raw, req.headers['content-type']) };
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
    } catch {
      return this.send(res, { status: 200, body: { ok: false, error: 'invalid_json' } });
    }

    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? args.token;
    delete args.token;
    const call: RecordedCall = { method, args, at: Date.now(), ok: false, status: 0 };
    this.calls.push(call);

    const fault = this.takeFault(method, args);
    if (fault) call.fault = fault.kind;
    let reply: Reply;
    switch (fault?.kind) {
      case 'rate_limited':
        reply = { status: 429, headers: { 'retry-after': String(fault.retryAfterSec) }, body: { ok: false, error: 'ratelimited' } };
        break;
      case 'http_error':
        reply = { status: fault.status, body: `${fault.status} ${http.STATUS_CODES[fault.status] ?? 'Error'}` };
        break;
      case 'slack_error':
        reply = { status: 200, body: { ok: false, error: fault.error } };
        break;
      default:
        if (fault?.kind === 'delay') await sleep(fault.ms);
        reply = this.perform(method, args, token);
    }

    if (fault?.kind === 'drop_after_success') {
      call.ok = reply.body?.ok === true;
      call.error = reply.body?.error;
      this.notify();
      req.socket.destroy();
      return;
    }
    call.status = reply.status;
    call.ok = reply.status === 200 && reply.body?.ok === true;
    call.error = call.ok ? undefined : (typeof reply.body === 'object' ? reply.body?.error : `http_${reply.status}`);
    this.notify();
    this.send(res, reply);
  }

  private perform(method: string, args: Record<string, any>, token: string | undefined): Reply {
    if (method === 'response_url') return { status: 200, body: { ok: true } };
    const handler = methods[method];
    if (!handler) return { status: 200, body: { ok: false, error: 'unknown_method' } };
    if (!token) return { status: 200, body: { ok: false, error: 'not_authed' } };
    return handler(args, this.state, token);
  }

  private send(res: http.ServerResponse, reply: Reply): void {
    if (res.destroyed) return;
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...(isText ? {} : { 'x-oauth-scopes': (this.opts.scopes ?? MANIFEST_SCOPES).join(',') }),
      ...reply.headers,
    });
    res.end(isText ? reply.body : JSON.stringify(reply.body));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
