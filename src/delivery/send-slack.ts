import type { WebClient } from '@slack/web-api';
import type { OutboxRow } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { OUTBOX_EVENT_TYPE, type Attempt } from './attempt.ts';
import { classifySlackError } from './failure.ts';
import type { SlackPostPayload, SlackUpdatePayload } from './outbox.ts';

// How far back to look for a message whose response was lost: the row's creation minus a margin
// for clock skew between us and Slack; and at most this many pages of recent history.
const HISTORY_MARGIN_MS = 60_000;
const HISTORY_PAGE = 50;
const HISTORY_PAGES = 4;

const isUserId = (id: string) => /^[UW][A-Z0-9]+$/.test(id);
const slackTs = (ms: number) => (Math.max(0, ms) / 1000).toFixed(6);

/** Sends 'slack.post' and 'slack.update' rows; remembers each person's DM channel. */
export class SlackDelivery {
  private readonly dms = new Map<string, string>();

  constructor(private readonly slack: WebClient, private readonly log: Logger) {}

  /** The channel a target's messages land in, as far as we know yet: what Slack's per-channel pace applies to. */
  channelOf(target: string): string {
    return this.dms.get(target) ?? target;
  }

  async post(row: OutboxRow, payload: SlackPostPayload, uncertain: boolean): Promise<Attempt> {
    const destination = payload.channel || row.target;
    let channel = this.channelOf(destination);
    try {
      channel = await this.conversationFor(destination);
      if (uncertain) {
        const found = await this.findPosted(channel, row, payload.thread_ts);
        if (found) return { sent: true, channel, ts: found, result: { channel, ts: found, found_in_history: true } };
      }
      const res = await this.slack.chat.postMessage({
        channel,
        text: payload.text,
        ...(payload.blocks ? { blocks: payload.blocks } : {}),
        ...(payload.thread_ts ? { thread_ts: payload.thread_ts } : {}),
        metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: row.id } },
      });
      const landed = res.channel ?? channel;
      return { sent: true, channel: landed, ts: res.ts!, result: { channel: landed, ts: res.ts } };
    } catch (error) {
      return { sent: false, failure: classifySlackError(error), pauseKey: channel };
    }
  }

  async update(row: OutboxRow, payload: SlackUpdatePayload): Promise<Attempt> {
    const destination = payload.channel || row.target;
    let channel = this.channelOf(destination);
    try {
      channel = await this.conversationFor(destination);
      const res = await this.slack.chat.update({
        channel,
        ts: payload.ts,
        text: payload.text,
        ...(payload.blocks ? { blocks: payload.blocks } : {}),
      });
      const landed = res.channel ?? channel;
      const ts = res.ts ?? payload.ts;
      return { sent: true, channel: landed, ts, result: { channel: landed, ts } };
    } catch (error) {
      return { sent: false, failure: classifySlackError(error), pauseKey: channel };
    }
  }

  /** A user id's DM channel (conversations.open, once per person per process); channel ids as they are. */
  private async conversationFor(id: string): Promise<string> {
    if (!isUserId(id)) return id;
    const known = this.dms.get(id);
    if (known) return known;
    const res = await this.slack.conversations.open({ users: id });
    const channel = res.channel?.id;
    if (!channel) throw new Error(`conversations.open returned no channel for ${id}`);
    this.dms.set(id, channel);
    return channel;
  }

  /**
   * After an attempt that may have posted without telling us: the ts of our message for this
   * row, found by the outbox id in its metadata. Throws (so the row waits) when Slack cannot be
   * asked right now; returns undefined (so we post) when it answers and the message is not there,
   * or when history is closed to us (a missing scope must not stop leads from being delivered).
   */
  private async findPosted(channel: string, row: OutboxRow, threadTs: string | undefined): Promise<string | undefined> {
    const oldest = slackTs(new Date(row.created_at).getTime() - HISTORY_MARGIN_MS);
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page += 1) {
        const args = { channel, limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
        const res = threadTs
          ? await this.slack.conversations.replies({ ...args, ts: threadTs, oldest })
          : await this.slack.conversations.history({ ...args, oldest });
        const mine = (res.messages ?? []).find((m) => isOurs(m, row.id));
        if (mine?.ts) return mine.ts;
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!res.has_more || !cursor) return undefined;
      }
      return undefined;
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.type === 'rate_limited' || failure.type === 'transient') throw error;
      this.log.warn({ outboxId: row.id, channel, error: failure.error }, 'cannot read the conversation to check for an earlier post; posting again');
      return undefined;
    }
  }
}

function isOurs(message: unknown, outboxId: number): boolean {
  const metadata = (message as { metadata?: { event_type?: string; event_payload?: { outbox_id?: unknown } } }).metadata;
  return metadata?.event_type === OUTBOX_EVENT_TYPE && String(metadata.event_payload?.outbox_id) === String(outboxId);
}
