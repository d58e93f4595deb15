import { stringify } from 'csv-stringify/sync';
import type { Deps } from '../deps.ts';
import { activeSuppressions, resumedSince, SUPPRESSION_COLUMNS } from '../domain/hotleads/suppressions.ts';
import { verifyApiToken } from './auth.ts';
import { HttpError, sendJson, sendText, type RouteHandler } from './router.ts';

function badRequest(error: string, message: string): HttpError {
  return new HttpError(400, message, { error, message });
}

/** `since` as a UTC ISO string: a date (YYYY-MM-DD, midnight UTC) or a date-time with a zone. */
function parseSince(value: string | null): string | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const shaped = /^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = shaped ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) {
    throw badRequest('invalid_since', 'since must be an ISO-8601 date or date-time with a time zone, e.g. 2026-11-23T10:00:00Z.');
  }
  return new Date(ms).toISOString();
}

/**
 * GET /api/suppressions[?format=json|csv][&since=ISO]: the emails marketing must not email now.
 * With `since`, the JSON also lists `resumed` emails to take off the list; the CSV only ever
 * holds active pauses, so a tool can import it as is.
 */
export function suppressionsRoute(deps: Deps): RouteHandler {
  return async function suppressions(req, res, _params, url) {
    verifyApiToken(req, deps.config.apiToken);
    const format = (url.searchParams.get('format') ?? 'json').toLowerCase();
    if (format !== 'json' && format !== 'csv') throw badRequest('invalid_format', 'format must be json or csv.');
    const since = parseSince(url.searchParams.get('since'));
    const now = deps.clock.now();
    const asOf = now.toISOString();
    const rows = await activeSuppressions(deps.db, now, deps.config.timeZone, since);

    if (format === 'csv') {
      // escape_formulas: a note starting with "=" must not run as a formula in a spreadsheet.
      // quoted: every cell in quotes, so a spreadsheet set to another separator (";") never
      // splits "Ada;=cmd|…" into a cell that starts a formula.
      const csv = stringify(rows, { header: true, columns: SUPPRESSION_COLUMNS, escape_formulas: true, quoted: true, quoted_empty: true });
      sendText(res, 200, csv, 'text/csv; charset=utf-8', {
        'content-disposition': 'attachment; filename="handoff-suppressions.csv"',
        'x-handoff-as-of': asOf,
      });
      return;
    }
    const resumed = since ? await resumedSince(deps.db, since) : undefined;
    sendJson(res, 200, { as_of: asOf, since: since ?? null, count: rows.length, suppressions: rows, ...(resumed ? { resumed } : {}) });
  };
}
