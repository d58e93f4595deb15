// What each command answers to `help` and to words it does not understand. Tests assert on these.
import { escapeTyped } from './text.ts';

export const CAMPAIGN_USAGE = [
  '*`/campaign`* — campaign briefs that reps see when a lead from the campaign arrives',
  '• `/campaign` — open the brief form to post a new brief',
  '• `/campaign list` — active briefs, newest first',
  '• `/campaign show KEY` — one brief in full',
  '• `/campaign edit KEY` — edit a brief (its owner or an admin)',
  '• `/campaign archive KEY` — archive a brief (its owner or an admin)',
].join('\n');

export const HOTLEAD_USAGE = [
  '*`/hotlead`* — this lead is hot: pause marketing emails to them',
  '• `/hotlead EMAIL [how long] [note…]` — pause; how long: `14d`, `two weeks`, `3 months`, `next Friday`, `until Dec 21` (the usual length if you give none; at most a year)',
  '    e.g. `/hotlead ada@analytical.example two weeks closing next week`',
  '• `/hotlead shorten EMAIL [how long]` — end a pause sooner, e.g. `/hotlead shorten ada@analytical.example 1w`',
  '• `/hotlead release EMAIL` — let marketing email them again',
  '• `/hotlead list` — your paused leads (admins: `/hotlead list all`)',
].join('\n');

export const HANDOFF_USAGE = [
  '*`/handoff`* — Handoff hands marketing\'s leads to sales with the context they need',
  '• `/handoff help` — this list',
  '• `/handoff mql` — the lead definition sales and marketing agreed',
  '• `/handoff digest` — post the weekly digest now (admins)',
  '• `/handoff routing` — who gets leads nobody owns, and who is available now',
  '• `/handoff away [3 days | until Dec 14]` / `/handoff back` — pools skip you meanwhile',
].join('\n');

export const ALL_COMMANDS_HELP = [
  HANDOFF_USAGE,
  '',
  CAMPAIGN_USAGE,
  '',
  HOTLEAD_USAGE,
  '',
  'Lead DMs carry buttons: *Accept*, *Hot — pause emails*, *Not qualified*, and *Useful / Not useful* for each piece of content. Open the *Home* tab for your leads at a glance.',
].join('\n');

export function unknownWords(command: string, words: string, usage: string): string {
  return `\`${command} ${escapeTyped(words.trim())}\` is not something I understand.\n\n${usage}`;
}
