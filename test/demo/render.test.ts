import { describe, expect, it } from 'vitest';
import { renderConversationHtml } from '../../src/demo/render/page.ts';
import { stripAnsi, displayWidth } from '../../src/demo/render/terminal.ts';
import { renderBlocksAsText, renderViewAsText } from '../../src/demo/render/text.ts';
import { formatEntry, formatTable } from '../../src/demo/printer.ts';
import { digestMessage, ephemeralAnswer, leadDm, NAMES, pauseNotice, rejectModal, sampleEntries } from './fixtures.ts';

const plain = { width: 80, names: NAMES };

describe('a lead DM in the terminal', () => {
  const text = renderBlocksAsText(leadDm(), plain);

  it('shows the header underlined, then who the lead is', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('New lead: Ada Lovelace');
    expect(lines[1]).toBe('═'.repeat('New lead: Ada Lovelace'.length));
    expect(text).toContain('Ada Lovelace — CTO at Analytical Engines');
    expect(text).toContain('ada@analytical.example');
  });

  it('draws the buttons as [ Accept ]  [ Hot — pause emails ]  [ Not qualified ]', () => {
    expect(text).toContain('[ Accept ]  [ Hot — pause emails ]  [ Not qualified ]');
  });

  it('lays the fields out in two columns', () => {
    const row = text.split('\n').find((l) => l.startsWith('Campaign'));
    expect(row).toMatch(/^Campaign\s{3,}Buying stage$/);
    const values = text.split('\n').find((l) => l.startsWith('Q4 AI Readiness Webinar'));
    expect(values).toMatch(/^Q4 AI Readiness Webinar\s+consideration$/);
    expect(row!.indexOf('Buying stage')).toBe(values!.indexOf('consideration'));
  });

  it('names people instead of showing their ids, and links by label with a short URL', () => {
    expect(text).toContain("from @Morgan Marketer's campaign");
    expect(text).not.toContain('UMKT00001');
    expect(text).toContain("AI Buyer's Guide (example.com/guides/ai-buyers-guide?utm_…)");
  });

  it('puts an accessory button at the end of its section', () => {
    expect(text).toMatch(/AI Buyer Guide \(ebook\)\s+\[ 👍 Useful \]/);
  });

  it('never prints a line wider than asked', () => {
    for (const width of [40, 60, 80]) {
      const lines = renderBlocksAsText(leadDm(), { ...plain, width }).split('\n');
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('uses no escape codes unless colour is asked for, and the same words when it is', () => {
    expect(text).not.toContain('\x1b[');
    const coloured = renderBlocksAsText(leadDm(), { ...plain, color: true });
    expect(coloured).toContain('\x1b[1m');
    expect(stripAnsi(coloured)).toContain('[ Accept ]');
    expect(stripAnsi(coloured)).toContain('Ada Lovelace — CTO at Analytical Engines');
  });
});

describe('a marketing notice in the terminal', () => {
  const text = renderBlocksAsText(pauseNotice, plain);

  it('reads as a sentence: emoji drawn, bold markers gone, the rep named', () => {
    expect(text.split('\n').slice(0, 2).join(' ')).toContain('⏸️ Pause marketing emails to Ada Lovelace (ada@analytical.example) until Dec 23, 2026');
    expect(text).toContain('worked by @Riley Rep');
    expect(text).not.toContain('*');
  });

  it('shows a quote with a bar and Slack escapes as the characters they stand for', () => {
    expect(text).toContain('│ closing next week & the CFO is involved');
  });

  it('shows the context line and inline code as they read', () => {
    expect(text).toContain('The suppression list (GET /api/suppressions) already has this address.');
  });
});

describe('a long digest in the terminal', () => {
  it('keeps every line and wraps nothing it does not have to', () => {
    const text = renderBlocksAsText(digestMessage(30), plain);
    expect(text).toContain('• Campaign 1 — 10 leads, 0 accepted, 0 rejected');
    expect(text).toContain('• Campaign 30 — 39 leads, 29 accepted, 2 rejected');
    expect(text).toContain('Median time to answer: 38 min');
    expect(text.split('\n').filter((l) => l.startsWith('• Campaign'))).toHaveLength(30);
  });

  it('hangs a wrapped list item under its text', () => {
    const text = renderBlocksAsText({ text: '• a list item long enough that it must wrap onto the next line here' }, { width: 30 });
    const [first, second] = text.split('\n');
    expect(first.startsWith('• a list item')).toBe(true);
    expect(second.startsWith('  ')).toBe(true);
    expect(second.trim().length).toBeGreaterThan(0);
  });
});

describe('a modal in the terminal', () => {
  const text = renderViewAsText(rejectModal, plain);

  it('shows its title, its inputs as Label: ______ and its Cancel / Submit buttons', () => {
    expect(text.split('\n')[0]).toBe('Not qualified');
    expect(text).toContain('Reason: [ Choose a reason ▾ ]');
    expect(text).toContain('Comment (optional):');
    expect(text).toContain('A sentence helps marketing fix the targeting.');
    expect(text.endsWith('[ Cancel ]  [ Reject lead ]')).toBe(true);
  });

  it('shows a one-line text input as Label: ______', () => {
    const view = { type: 'modal', title: { type: 'plain_text', text: 'Brief' }, submit: { type: 'plain_text', text: 'Save' }, blocks: [
      { type: 'input', label: { type: 'plain_text', text: 'Key' }, element: { type: 'plain_text_input', action_id: 'k' } },
      { type: 'input', label: { type: 'plain_text', text: 'Starts on' }, element: { type: 'datepicker', action_id: 'd', initial_date: '2026-11-01' } },
    ] };
    const out = renderViewAsText(view, plain);
    expect(out).toContain('Key: ______');
    expect(out).toContain('Starts on: [ 📅 2026-11-01 ▾ ]');
  });
});

describe('an ephemeral answer and what the demo prints around messages', () => {
  const print = { width: 80, color: false, names: NAMES };

  it('labels an ephemeral message as only visible to the person', () => {
    const out = formatEntry({ kind: 'message', step: 's', where: '#sales', at: new Date('2026-11-23T09:31:00Z'), message: ephemeralAnswer, ephemeral: true, viewer: 'Riley Rep' }, print);
    expect(out.split('\n')[0]).toBe('  ┌ #sales · only visible to Riley Rep');
    expect(out).toContain('│ ✅ Paused marketing emails to ada@analytical.example until Dec 23, 2026.');
  });

  it('labels a DM with where it went and when, and a modal with whose screen it is on', () => {
    const [, dm, , , , , modal] = sampleEntries().map((e) => formatEntry(e, print));
    expect(dm.split('\n')[0]).toBe('  ┌ DM to Riley Rep · Handoff 10:02');
    expect(modal.split('\n')[0]).toBe("  ┌ Modal on Riley Rep's screen");
  });

  it('prints an action as what the person did', () => {
    expect(formatEntry({ kind: 'action', step: 's', actor: 'Riley Rep', text: 'clicks *Hot — pause emails*' }, print)).toBe('  ▸ Riley Rep clicks Hot — pause emails');
  });

  it('prints API rows as an aligned table', () => {
    const lines = formatTable(['email', 'until'], [['ada@analytical.example', '2026-12-23'], ['grace@cobol.example', '2027-01-01']], 60, false).split('\n');
    expect(lines[0]).toMatch(/^email\s+until$/);
    expect(lines[1]).toBe('ada@analytical.example  2026-12-23');
    expect(lines[2].indexOf('2027-01-01')).toBe(lines[0].indexOf('until'));
  });

  it('cuts the other columns before the first when a row does not fit', () => {
    const table = formatTable(['email', 'note'], [['ada@analytical.example', 'closing next week, the CFO is in the loop']], 40, false);
    const row = table.split('\n')[1];
    expect(row.startsWith('ada@analytical.example  closing')).toBe(true);
    expect(row.endsWith('…')).toBe(true);
    expect(displayWidth(row)).toBeLessThanOrEqual(40);
  });
});

describe('the conversation page', () => {
  it('escapes what people typed, in plain text and in mrkdwn', () => {
    const html = renderConversationHtml(sampleEntries('Eve <img src=x onerror=alert(1)> & "Co"'), { names: NAMES });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Eve &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;');
  });

  it('never links anywhere but http(s) and mailto', () => {
    const html = renderConversationHtml([{ kind: 'message', step: 's', where: '#marketing', at: new Date(), message: { text: '<javascript:alert(1)|click me> and <https://example.com|fine>' } }]);
    expect(html).toContain('<a href="#" title="javascript:alert(1)">click me</a>');
    expect(html).toContain('<a href="https://example.com" title="https://example.com">fine</a>');
  });

  it('groups entries by step and shows each step once, numbered', () => {
    const html = renderConversationHtml(sampleEntries(), { names: NAMES });
    expect(html.match(/class="step"/g)).toHaveLength(4);
    expect(html).toContain('<span class="step-n">2</span><span class="caption">Riley clicks Hot</span>');
    expect(html).toContain('Only visible to you');
    expect(html).toContain('<span class="app-name">Handoff</span><span class="badge">APP</span>');
  });
});
