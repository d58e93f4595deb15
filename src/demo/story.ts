// What a demo step can do: act as a person (type a command, click, submit a form), call
// Handoff's HTTP routes as a CRM or an email tool would, move the clock and run a job; and wait
// for what Slack should receive. Everything a person would see is recorded as it happens.

import type { Deps } from '../deps.ts';
import type { SentResponse } from '../standin/slack-sender.ts';
import type { RecordedCall } from '../standin/slack-standin.ts';
import type { DemoEntry } from './entries.ts';
import { filledView, fillModal, type ModalAnswers } from './modal-answers.ts';
import { allJobs } from '../jobs/index.ts';
import type { StoredMessage } from '../standin/slack-standin.ts';
import type { Observer } from './observer.ts';
import type { DemoWorld, HttpAnswer, Person } from './world.ts';
import { HandoffError } from '../errors.ts';

/** A step failed: the message says what the reader should have seen and did not. */
export class DemoStepError extends HandoffError {
  constructor(message: string) {
    super('demo_step', message);
  }
}

export interface Step {
  caption: string;
  run(ctx: StepContext): Promise<void>;
  /** default 8 s: a step never hangs the demo */
  timeoutMs?: number;
}

/** Facts steps hand to later steps (ids, the DM a button sits in). */
export type StoryState = Record<string, any>;

const WAIT_MS = 5_000;

export class StepContext {
  constructor(
    readonly world: DemoWorld,
    private readonly observer: Observer,
    private readonly emit: (entries: DemoEntry[]) => void,
    readonly state: StoryState,
    readonly caption: string,
  ) {}

  get deps(): Deps {
    return this.world.handoff.deps;
  }

  /** Shows what reached Slack so far, then what this person does next. */
  did(actor: Person | string, text: string): void {
    this.flush();
    this.emit([{ kind: 'action', step: this.caption, actor: typeof actor === 'string' ? actor : actor.real_name, text }]);
  }

  /** Shows everything Slack received that has not been shown yet. */
  flush(): void {
    this.emit(this.observer.collect(this.caption));
  }

  /** A person types a slash command; its direct answer is shown as they would see it. */
  async command(person: Person, command: string, text: string, channel: string): Promise<SentResponse> {
    this.did(person, `types \`${`${command} ${text}`.trim()}\``);
    this.observer.actor = person;
    const res = await this.world.slack.command(command, text, { userId: person.id, channelId: channel });
    this.observer.sent(res, person.id, channel);
    this.expect(res.status === 200, `Handoff answered ${command} with HTTP ${res.status}`);
    this.emit(this.observer.answer(this.caption, res, person.id, channel));
    return res;
  }

  /** A person clicks a button in a message (found by its action_id) or in a modal. */
  async click(person: Person, where: { message?: { channel: string; ts: string }; view?: any }, actionId: string, label: string): Promise<SentResponse> {
    this.did(person, `clicks *${label}*`);
    this.observer.actor = person;
    const res = where.view
      ? await this.world.slack.blockAction({ userId: person.id, actionId, view: where.view })
      : await this.world.slack.blockAction({ userId: person.id, actionId, channelId: where.message!.channel, messageTs: where.message!.ts });
    this.observer.sent(res, person.id, where.message?.channel ?? '');
    this.expect(res.status === 200, `Handoff answered the ${label} click with HTTP ${res.status}`);
    this.emit(this.observer.answer(this.caption, res, person.id, where.message?.channel ?? ''));
    return res;
  }

  /** A person fills in an open modal and submits it. */
  async submit(person: Person, view: any, answers: ModalAnswers, says: string): Promise<SentResponse> {
    // Show the form once, as it looks filled in, rather than empty and then again.
    const values = fillModal(view, answers);
    this.emit(this.observer.collect(this.caption).map((e) =>
      e.kind === 'modal' && e.view?.callback_id === view.callback_id ? { ...e, view: filledView(e.view, answers) } : e));
    this.did(person, says);
    this.observer.actor = person;
    const res = await this.world.slack.viewSubmission({ userId: person.id, callbackId: view.callback_id, viewId: view.id, values });
    this.expect(res.status === 200, `Handoff answered the form with HTTP ${res.status}`);
    if (res.json?.response_action === 'errors') {
      throw new DemoStepError(`the form was refused: ${JSON.stringify(res.json.errors)}`);
    }
    this.emit(this.observer.answer(this.caption, res, person.id, ''));
    return res;
  }

  /** A person opens Handoff's Home tab (the app_home_opened event); shows what Handoff publishes there. */
  async openHome(person: Person): Promise<void> {
    this.did(person, "opens Handoff's *Home* tab");
    const before = this.world.standIn.okCalls('views.publish').filter((c) => c.args.user_id === person.id).length;
    const res = await this.world.slack.event({ type: 'app_home_opened', user: person.id, channel: this.world.standIn.dmChannelFor(person.id), tab: 'home' });
    this.expect(res.status === 200, `Handoff answered the app_home_opened event with HTTP ${res.status}`);
    await this.waitFor('views.publish', (c) => c.args.user_id === person.id, `the Home tab for ${person.real_name}`, before + 1);
    this.flush();
    const view = this.must(this.world.standIn.homeView(person.id), `the Home tab for ${person.real_name}`);
    this.emit([{ kind: 'home', step: this.caption, who: person.real_name, at: this.world.clock.now(), view }]);
  }

  /** A CRM or marketing tool POSTs to an intake route. */
  async intake(actor: string, path: string, body: unknown): Promise<HttpAnswer> {
    this.flush();
    const res = await this.world.intake(path, body);
    this.emit([{ kind: 'action', step: this.caption, actor, text: `sends \`POST ${path}\` → \`${res.status} ${compact(res.json ?? res.text)}\`` }]);
    return res;
  }

  /** An operator's tool reads the API. */
  async api(actor: string, path: string): Promise<HttpAnswer> {
    this.flush();
    const res = await this.world.api(path);
    this.emit([{ kind: 'action', step: this.caption, actor, text: `reads \`GET ${path}\` → \`${res.status}\`` }]);
    this.expect(res.status === 200, `GET ${path} answered ${res.status}: ${res.text.slice(0, 200)}`);
    return res;
  }

  table(title: string, columns: string[], rows: string[][]): void {
    this.flush();
    this.emit([{ kind: 'table', step: this.caption, title, columns, rows }]);
  }

  /** Time passes in the story (the app's clock; Slack's signatures still use real time). */
  later(ms: number, words: string): void {
    this.flush();
    this.world.clock.advance(ms);
    this.emit([{ kind: 'action', step: this.caption, actor: '⏱', text: words }]);
  }

  /** Waits for Slack to receive a call; fails the step with `what` when it does not come. */
  async waitFor(method: string, predicate: (c: RecordedCall) => boolean, what: string, count = 1): Promise<RecordedCall[]> {
    try {
      return await this.world.standIn.waitFor(method, predicate, { timeoutMs: WAIT_MS, count });
    } catch {
      throw new DemoStepError(`waited ${WAIT_MS / 1000} s for ${what}; it did not arrive`);
    }
  }

  /** Polls until `check` holds (state the app keeps, read through its API); fails the step with `what`. */
  async until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new DemoStepError(`waited ${WAIT_MS / 1000} s for ${what}; it did not happen`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits until Handoff has recorded a lead's DM as delivered (the SLA and the answer times run from then). */
  async delivered(leadId: string): Promise<void> {
    await this.until(async () => (await this.world.api(`/api/leads/${encodeURIComponent(leadId)}`)).json?.delivery === 'delivered', `Handoff to record the DM about lead ${leadId} as delivered`);
  }

  /** The modal most recently opened on someone's screen with this callback_id. */
  async modal(callbackId: string, what: string): Promise<any> {
    await this.waitFor('views.open', (c) => c.args.view?.callback_id === callbackId, what);
    return this.must(this.world.standIn.views().filter((v) => v.callback_id === callbackId).at(-1), `${what} was not kept by the stand-in`);
  }

  /** Runs a scheduled job now, as its schedule would (the demo keeps the scheduler off). */
  async runJob(name: string, words: string): Promise<void> {
    const job = this.must(allJobs(this.deps).find((j) => j.name === name), `there is no "${name}" job`);
    this.flush();
    this.emit([{ kind: 'action', step: this.caption, actor: '⚙', text: words }]);
    await job.run(this.deps);
  }

  /** A message Slack holds in a DM or channel, newest first match. */
  message(channel: string, test: (m: StoredMessage) => boolean, what: string): StoredMessage {
    const standIn = this.world.standIn;
    const where = /^[UW]/.test(channel) ? standIn.dmChannelFor(channel) : channel;
    return this.must(standIn.messages(where).filter(test).at(-1), `${what} is not in Slack`);
  }

  /** Fails the step with `problem` unless the condition holds. */
  expect(condition: unknown, problem: string): void {
    if (!condition) throw new DemoStepError(problem);
  }

  /** The value, or the step fails with `problem`. */
  must<T>(value: T | undefined | null, problem: string): T {
    if (value === undefined || value === null) throw new DemoStepError(problem);
    return value;
  }
}

function compact(body: unknown): string {
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  return s.length > 90 ? `${s.slice(0, 89)}…` : s;
}

/** Runs a step with its time limit; the demo never hangs on a feature that does not answer. */
export async function runStep(step: Step, ctx: StepContext): Promise<void> {
  const limit = step.timeoutMs ?? 8_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DemoStepError(`the step took longer than ${limit / 1000} s`)), limit);
  });
  try {
    await Promise.race([step.run(ctx), timeout]);
    ctx.flush();
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a message says something, in its text or anywhere in its blocks. */
export function says(message: { text?: string; blocks?: unknown } | undefined, words: string): boolean {
  if (!message) return false;
  return `${message.text ?? ''} ${JSON.stringify(message.blocks ?? [])}`.includes(words);
}
