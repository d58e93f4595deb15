import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { formatPath } from '../domain/leads/intake-schema.ts';
import { LEAD_STATUSES, leadEventJson, leadJson } from '../domain/leads/model.ts';
import { eventDeliveries, findLead, leadTimeline, listLeads } from '../domain/leads/queries.ts';
import { verifyApiToken } from './auth.ts';
import { HttpError, sendJson, type RouteHandler } from './router.ts';

const listQuery = z.object({
  status: z.enum(LEAD_STATUSES, { error: `must be one of ${LEAD_STATUSES.join(', ')}` }).optional(),
  since: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time such as 2026-11-20T00:00:00Z')
    .transform((s) => new Date(Date.parse(s)).toISOString())
    .optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'must be a whole number from 1 to 1000')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, 'must be a whole number from 1 to 1000')
    .default(100),
});

/** `GET /api/leads?status=…&since=…&limit=…`, newest first. */
export function listLeadsRoute(deps: Deps): RouteHandler {
  return async function getLeads(req, res, _params, url) {
    verifyApiToken(req, deps.config.apiToken);
    const raw: Record<string, string> = {};
    for (const key of ['status', 'since', 'limit']) {
      const v = url.searchParams.get(key);
      if (v !== null) raw[key] = v;
    }
    const parsed = listQuery.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
      throw new HttpError(400, 'Bad query parameters.', {
        error: 'invalid_query',
        message: `Bad query parameter${problems.length === 1 ? '' : 's'}: ${problems.map((p) => p.path).join(', ')}.`,
        problems,
      });
    }
    const leads = await listLeads(deps.db, parsed.data);
    sendJson(res, 200, { leads: leads.map(leadJson), count: leads.length, limit: parsed.data.limit });
  };
}

/** `GET /api/leads/:id`, with the lead's timeline. */
export function getLeadRoute(deps: Deps): RouteHandler {
  return async function getLead(req, res, params) {
    verifyApiToken(req, deps.config.apiToken);
    const lead = await findLead(deps.db, params.id);
    if (!lead) throw new HttpError(404, 'No such lead.', { error: 'not_found', message: `No lead with id "${params.id}".` });
    const timeline = await leadTimeline(deps.db, lead.id);
    const sent = await eventDeliveries(deps.db, timeline.map((e) => e.id));
    sendJson(res, 200, { ...leadJson(lead), timeline: timeline.map((e) => leadEventJson(e, sent.get(e.id))) });
  };
}
