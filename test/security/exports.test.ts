import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotlead } from '../hotleads/support.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';

// The suppression list is opened in spreadsheets, some set to ";" as the separator: a cell must
// stay one cell there, and never start a formula.

/** Splits a CSV line the way a spreadsheet does with `separator`: quotes hold a cell together. */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) { out.push(cell); cell = ''; } else cell += c;
  }
  out.push(cell);
  return out;
}

describe('the suppression list as CSV', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  it('keeps a note like Ada;=cmd|… one cell that is not a formula, whichever separator the spreadsheet uses', async () => {
    await hotlead(app, PEOPLE.rep.id, "formula@evil.example 7 Ada;=cmd|'/C calc'!A0");
    await hotlead(app, PEOPLE.rep.id, 'plus@evil.example 7 +SUM(1,2);@x');
    const res = await app.get('/api/suppressions?format=csv');
    const lines = res.text.trimEnd().split(/\r?\n/);
    for (const separator of [',', ';']) {
      const rows = lines.map((l) => cells(l, separator));
      if (separator === ',') expect(rows.every((r) => r.length === 12)).toBe(true);
      else expect(rows.every((r) => r.length === 1)).toBe(true);
      const starts = rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c));
      expect(starts).toEqual([]);
    }
    const notes = lines.slice(1).map((l) => cells(l, ',')[6]);
    expect(notes).toEqual(["Ada;=cmd|'/C calc'!A0", "'+SUM(1,2);@x"]);
  });
});
