// Representative messages shaped like Handoff's own: a lead DM, a marketing notice, a long
// digest, a modal and an ephemeral answer. The renderers are tested on what a reader sees.

import type { DemoEntry } from '../../src/demo/entries.ts';

export const NAMES = { users: { UREP00001: 'Riley Rep', UMKT00001: 'Morgan Marketer' }, channels: { CMARKETING1: 'marketing' } };

/** What a view does with user input before putting it in mrkdwn. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function leadDm(leadName = 'Ada Lovelace') {
  return {
    text: `New lead: ${leadName}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `New lead: ${leadName}` } },
      { type: 'section', text: { type: 'mrkdwn', text: `*${esc(leadName)}* — CTO at *Analytical Engines*\n<mailto:ada@analytical.example|ada@analytical.example>` } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Campaign*\nQ4 AI Readiness Webinar' },
          { type: 'mrkdwn', text: '*Buying stage*\nconsideration' },
          { type: 'mrkdwn', text: '*Score*\n72' },
          { type: 'mrkdwn', text: '*Budget*\napproved' },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*What the campaign promised*\nFree AI readiness assessment\n*Talking points*\n• Ask which pilot stalled and why' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*What they did*\n• downloaded <https://example.com/guides/ai-buyers-guide?utm_source=crm|AI Buyer\'s Guide> · Nov 20' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Answer within *24h* · from <@UMKT00001>\'s campaign' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'lead_accept', text: { type: 'plain_text', text: 'Accept' }, style: 'primary', value: 'L1' },
          { type: 'button', action_id: 'lead_hot', text: { type: 'plain_text', text: 'Hot — pause emails' }, style: 'danger', value: 'L1' },
          { type: 'button', action_id: 'lead_reject', text: { type: 'plain_text', text: 'Not qualified' }, value: 'L1' },
        ],
      },
      { type: 'divider' },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*AI Buyer Guide* (ebook)' },
        accessory: { type: 'button', action_id: 'rate_useful:1', text: { type: 'plain_text', text: '👍 Useful' }, value: '{"a":1}' },
      },
    ],
  };
}

export const pauseNotice = {
  text: 'Pause marketing emails to Ada Lovelace',
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: ':double_vertical_bar: *Pause marketing emails* to *Ada Lovelace* (ada@analytical.example) until *Dec 23, 2026* — worked by <@UREP00001>' } },
    { type: 'section', text: { type: 'mrkdwn', text: '> closing next week &amp; the CFO is involved' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'The suppression list (`GET /api/suppressions`) already has this address.' }] },
  ],
};

export function digestMessage(rows = 30) {
  const lines = Array.from({ length: rows }, (_, i) => `• *Campaign ${i + 1}* — ${10 + i} leads, ${i} accepted, ${i % 3} rejected`);
  return {
    text: 'Weekly digest',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Handoff weekly digest — Nov 16 to Nov 23' } },
      { type: 'section', fields: [
        { type: 'mrkdwn', text: '*Handed over*\n42' }, { type: 'mrkdwn', text: '*Accepted*\n30' },
        { type: 'mrkdwn', text: '*Rejected*\n7' }, { type: 'mrkdwn', text: '*Hot*\n5' },
      ] },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Median time to answer: *38 min*' }] },
    ],
  };
}

export const rejectModal = {
  type: 'modal',
  callback_id: 'lead_reject_modal',
  title: { type: 'plain_text', text: 'Not qualified' },
  submit: { type: 'plain_text', text: 'Reject lead' },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: 'Why is *Grace Hopper* not a qualified lead? Marketing sees your answer.' } },
    {
      type: 'input', block_id: 'reason', label: { type: 'plain_text', text: 'Reason' },
      element: { type: 'static_select', action_id: 'reason', placeholder: { type: 'plain_text', text: 'Choose a reason' }, options: [{ text: { type: 'plain_text', text: 'No budget' }, value: 'no_budget' }] },
    },
    {
      type: 'input', block_id: 'comment', optional: true, label: { type: 'plain_text', text: 'Comment' },
      element: { type: 'plain_text_input', action_id: 'comment', multiline: true }, hint: { type: 'plain_text', text: 'A sentence helps marketing fix the targeting.' },
    },
  ],
};

export const ephemeralAnswer = { text: ':white_check_mark: Paused marketing emails to *ada@analytical.example* until Dec 23, 2026. `/hotlead release ada@analytical.example` ends the pause.' };

/** A page's worth of entries: every kind the demo shows. */
export function sampleEntries(leadName = 'Ada Lovelace'): DemoEntry[] {
  const at = new Date('2026-11-23T10:02:00Z');
  return [
    { kind: 'action', step: 'A lead arrives from the CRM', actor: 'HubSpot', text: 'sent `POST /webhooks/leads`' },
    { kind: 'message', step: 'A lead arrives from the CRM', where: 'DM to Riley Rep', at, message: leadDm(leadName) },
    { kind: 'action', step: 'Riley clicks Hot', actor: 'Riley Rep', text: 'clicked *Hot — pause emails*' },
    { kind: 'message', step: 'Riley clicks Hot', where: '#marketing', at, message: pauseNotice },
    { kind: 'message', step: 'Riley clicks Hot', where: 'DM to Riley Rep', at, message: ephemeralAnswer, ephemeral: true },
    { kind: 'table', step: 'The email tool reads the suppression list', title: 'GET /api/suppressions', columns: ['email', 'until', 'by'], rows: [['ada@analytical.example', '2026-12-23', 'Riley Rep']] },
    { kind: 'modal', step: 'A second lead is not qualified', who: 'Riley Rep', at, view: rejectModal },
  ];
}
