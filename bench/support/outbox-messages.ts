// The message both the outbox and its baseline send: about the size of a lead DM's summary.

export function benchMessage(target: string, n: number): { channel: string; text: string; blocks: unknown[] } {
  return {
    channel: target,
    text: `New lead ${n} for ${target}: Prospect ${n}, VP Data at Analytical Engines`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `New lead: Prospect ${n}` } },
      { type: 'section', text: { type: 'mrkdwn', text: '*VP Data* at *Analytical Engines* — consideration stage, score 72' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Campaign:* Q4 AI Readiness Webinar\n*Offer:* Free AI readiness assessment\n*Say:* Ship models to production in weeks, not quarters' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Downloaded AI Buyer\'s Guide · Registered for the webinar' }] },
    ],
  };
}
