import type { Step } from '../story.ts';
import { ADA } from './data.ts';

/** ISO instants read better as "2026-12-24 00:00 UTC" in a narrow table. */
function cell(value: unknown, users: Record<string, string>): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
  return users[text] ?? text;
}

/** The email tool reads who must not get marketing emails now, and finds Ada on it. */
export const suppressionList: Step = {
  caption: 'The email tool reads the suppression list: Ada is on it',
  async run(ctx) {
    const res = await ctx.api('Email tool', '/api/suppressions');
    const rows: Array<Record<string, unknown>> = Array.isArray(res.json?.suppressions) ? res.json.suppressions : [];
    ctx.expect(rows.some((r) => r.email === ADA.email), `${ADA.email} is not on the suppression list: ${res.text.slice(0, 300)}`);
    // The columns an email tool acts on, in the API's own names.
    const columns = ['email', 'paused_until', 'paused_by', 'note'].filter((c) => rows.some((r) => r[c] !== undefined && r[c] !== null && r[c] !== ''));
    const users = ctx.world.names.users ?? {};
    ctx.table('GET /api/suppressions', columns, rows.map((r) => columns.map((c) => cell(r[c], users))));
  },
};
