import type { Failure } from './failure.ts';

/** The result of one try at sending one row. */
export type Attempt =
  | {
      sent: true;
      /** where it landed (Slack channel, or the webhook URL) and Slack's ts ('' for webhooks) */
      channel: string;
      ts: string;
      /** stored in outbox.result */
      result: Record<string, unknown>;
    }
  | {
      sent: false;
      failure: Failure;
      /** what a 429 pauses: the channel (or webhook URL) this row goes to */
      pauseKey: string;
    };

/** Slack message metadata event type that carries the outbox id, so a lost response can be found again. */
export const OUTBOX_EVENT_TYPE = 'handoff_outbox';
