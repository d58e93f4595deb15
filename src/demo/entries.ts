// What the demo shows, one entry per thing a person sees or does. The terminal printer and the
// HTML page both read these, so the two always tell the same story.

import type { RenderableMessage } from './render/text.ts';

interface Base {
  /** the step's one-line caption; consecutive entries with the same step are shown together */
  step: string;
}

/** A message Handoff posted, updated, or answered with (ephemeral). */
export interface MessageEntry extends Base {
  kind: 'message';
  /** where it appears: "#marketing", "DM to Riley Rep" */
  where: string;
  at: Date;
  message: RenderableMessage;
  /** "Only visible to you": a slash command's answer or a chat.postEphemeral */
  ephemeral?: boolean;
  /** who sees an ephemeral message */
  viewer?: string;
  /** the message was edited in place (chat.update, response_url replace_original) */
  updated?: boolean;
  /** only the blocks the edit changed are in `message`; the rest stayed as they were */
  partial?: boolean;
}

/** A modal on someone's screen. */
export interface ModalEntry extends Base {
  kind: 'modal';
  /** whose screen: "Morgan Marketer" */
  who: string;
  at: Date;
  view: any;
}

/** Someone's App Home tab, as Handoff last published it. */
export interface HomeEntry extends Base {
  kind: 'home';
  who: string;
  at: Date;
  view: any;
}

/** What a person did: typed a command, clicked a button, submitted a form; or an HTTP call made. */
export interface ActionEntry extends Base {
  kind: 'action';
  actor: string;
  /** mrkdwn */
  text: string;
}

/** Data read from Handoff's API, shown as a small table. */
export interface TableEntry extends Base {
  kind: 'table';
  title: string;
  columns: string[];
  rows: string[][];
}

export type DemoEntry = MessageEntry | ModalEntry | HomeEntry | ActionEntry | TableEntry;
