// Turns what reached the Slack stand-in (and what the app answered directly) into entries:
// the messages, ephemerals, response_url posts and modals a person would see.

import type { SentResponse } from '../standin/slack-sender.ts';
import type { RecordedCall } from '../standin/slack-standin.ts';
import type { DemoEntry } from './entries.ts';
import { placeName, type DemoWorld, type Person } from './world.ts';

interface Origin { user: string; channel: string }

export class Observer {
  private cursor = 0;
  private readonly origins = new Map<string, Origin>();
  /** the blocks each message was last seen with, so an edit can show just what it changed */
  private readonly seen = new Map<string, any[]>();
  /** whoever acts now: modals opened meanwhile are on their screen */
  actor: Person | undefined;

  constructor(private readonly world: DemoWorld) {}

  private name(userId: string): string {
    return this.world.names.users?.[userId] ?? userId;
  }

  /** Remembers where a request came from, so a post to its response_url lands in the right place. */
  sent(response: SentResponse, userId: string, channel: string): void {
    const url: unknown = response.sent.response_url;
    const id = typeof url === 'string' ? /\/respond\/([^/]+)$/.exec(url)?.[1] : undefined;
    if (id) this.origins.set(decodeURIComponent(id), { user: userId, channel });
  }

  /** Calls Slack received since the last look, as entries; the cursor moves past them. */
  collect(step: string): DemoEntry[] {
    const calls = this.world.standIn.calls;
    const out: DemoEntry[] = [];
    while (this.cursor < calls.length) {
      const call = calls[this.cursor];
      // A call still in flight (status 0, not ok yet) is looked at next time.
      if (call.status === 0 && !call.ok) break;
      this.cursor += 1;
      if (!call.ok) continue;
      const entry = this.entryFor(call, step);
      if (entry) out.push(entry);
    }
    return out;
  }

  private entryFor(call: RecordedCall, step: string): DemoEntry | undefined {
    const a = call.args;
    const at = this.world.clock.now();
    const names = this.world.names;
    const message = { text: typeof a.text === 'string' ? a.text : undefined, blocks: Array.isArray(a.blocks) ? a.blocks : undefined };
    switch (call.method) {
      case 'chat.postMessage':
        this.remember(a);
        return { kind: 'message', step, at, where: placeName(String(a.channel), names), message };
      case 'chat.update': {
        const key = `${a.channel}:${a.ts}`;
        const before = this.seen.get(key);
        if (message.blocks) this.seen.set(key, message.blocks);
        const changed = before && message.blocks ? changedBlocks(before, message.blocks) : undefined;
        return changed
          ? { kind: 'message', step, at, where: placeName(String(a.channel), names), message: { text: message.text, blocks: changed }, updated: true, partial: true }
          : { kind: 'message', step, at, where: placeName(String(a.channel), names), message, updated: true };
      }
      case 'chat.postEphemeral':
        return { kind: 'message', step, at, where: placeName(String(a.channel), names), message, ephemeral: true, viewer: this.name(String(a.user)) };
      case 'response_url': {
        if (a.delete_original === true || a.delete_original === 'true') return undefined;
        const origin = this.origins.get(String(a._id));
        const where = origin ? placeName(origin.channel, names) : 'Slack';
        if (a.replace_original === true || a.replace_original === 'true') return { kind: 'message', step, at, where, message, updated: true };
        if (a.response_type === 'in_channel') return { kind: 'message', step, at, where, message };
        return { kind: 'message', step, at, where, message, ephemeral: true, viewer: origin ? this.name(origin.user) : undefined };
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
        if (a.view?.type !== 'modal') return undefined;
        return { kind: 'modal', step, at, who: this.actor?.real_name ?? 'someone', view: a.view };
      default:
        return undefined;
    }
  }

  /** Finds the posted message's ts (Slack's answer is not recorded, the stored message is). */
  private remember(args: Record<string, any>): void {
    if (!Array.isArray(args.blocks)) return;
    const standIn = this.world.standIn;
    const channel = /^[UW]/.test(String(args.channel)) ? standIn.dmChannelFor(String(args.channel)) : String(args.channel);
    const blocks = JSON.stringify(args.blocks);
    const stored = standIn.messages(channel).filter((m) => JSON.stringify(m.blocks) === blocks).at(-1);
    if (stored) this.seen.set(`${channel}:${stored.ts}`, args.blocks);
  }

  /** What the app answered in the HTTP response itself (a slash command's ack, a modal's errors). */
  answer(step: string, response: SentResponse, userId: string, channel: string): DemoEntry[] {
    const at = this.world.clock.now();
    const body = response.json;
    if (response.status !== 200) {
      return [{ kind: 'action', step, actor: 'Slack', text: `got HTTP ${response.status} from Handoff` }];
    }
    if (body && typeof body === 'object') {
      if (body.response_action === 'errors') {
        const errors = Object.entries(body.errors ?? {}).map(([field, why]) => `• *${field}*: ${String(why)}`).join('\n');
        return [{ kind: 'message', step, at, where: 'Modal', message: { text: `The form says:\n${errors}` }, ephemeral: true, viewer: this.name(userId) }];
      }
      if ((body.response_action === 'update' || body.response_action === 'push') && body.view) {
        return [{ kind: 'modal', step, at, who: this.name(userId), view: body.view }];
      }
      if (typeof body.text === 'string' || Array.isArray(body.blocks)) {
        const message = { text: body.text, blocks: body.blocks };
        const where = placeName(channel, this.world.names);
        return body.response_type === 'in_channel'
          ? [{ kind: 'message', step, at, where, message }]
          : [{ kind: 'message', step, at, where, message, ephemeral: true, viewer: this.name(userId) }];
      }
      return [];
    }
    const text = response.text.trim();
    return text ? [{ kind: 'message', step, at, where: placeName(channel, this.world.names), message: { text }, ephemeral: true, viewer: this.name(userId) }] : [];
  }
}

/** The blocks an edit added or changed; undefined when it changed all of them (show it whole). */
function changedBlocks(before: any[], after: any[]): any[] | undefined {
  const old = new Set(before.map((b) => JSON.stringify(b)));
  const changed = after.filter((b) => !old.has(JSON.stringify(b)));
  return changed.length > 0 && changed.length < after.length ? changed : undefined;
}
