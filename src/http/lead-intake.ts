import type { Deps } from '../deps.ts';
import type { IntakeOutcome } from '../domain/leads/intake.ts';
import type { IntakeQueue } from '../domain/leads/intake-queue.ts';
import { MAX_BATCH, parseLead, type LeadInput, type Problem } from '../domain/leads/intake-schema.ts';
import { readAuthenticatedIntake } from './auth.ts';
import { HttpError, parseJsonBody, sendJson, type RouteHandler } from './router.ts';

/** A stored lead's answer, naming the optional fields that were wrong and left out. */
function withWarnings<T extends object>(result: T, warnings: Problem[]): T & { warnings?: Problem[] } {
  return warnings.length > 0 ? { ...result, warnings } : result;
}

type BatchEntry = { id: string; status: string; warnings?: Problem[] } | { index: number; id?: string; error: 'invalid_lead'; problems: Problem[] };

function isBatch(body: unknown): body is { leads: unknown } {
  return Boolean(body) && typeof body === 'object' && !Array.isArray(body) && 'leads' in (body as object) && !('id' in (body as object));
}

function batchProblem(leads: unknown): Problem | undefined {
  if (!Array.isArray(leads)) return { path: 'leads', message: 'must be a list of leads' };
  if (leads.length === 0) return { path: 'leads', message: 'must hold at least one lead' };
  if (leads.length > MAX_BATCH) return { path: 'leads', message: `must hold at most ${MAX_BATCH} leads (this batch has ${leads.length}); split it` };
  return undefined;
}

/**
 * `POST /webhooks/leads`: authenticate on the raw body, validate, store durably (in a commit
 * shared with the requests that arrived at the same time), answer — and only then ask Slack
 * who the owners are (nothing on this path waits for Slack).
 */
export function leadIntakeRoute(deps: Deps, intake: IntakeQueue): RouteHandler {
  const afterResponse = (outcome: IntakeOutcome) => {
    if (outcome.ownersToResolve.length > 0) deps.owners.kick(outcome.ownersToResolve);
  };

  return async function receiveLeads(req, res) {
    const { raw } = await readAuthenticatedIntake(req, deps.config.webhookSecret, deps.clock.now());
    const body = parseJsonBody(raw);

    if (!isBatch(body)) {
      const parsed = parseLead(body);
      if (!parsed.ok) {
        const n = parsed.problems.length;
        const message = `The lead has ${n} invalid field${n === 1 ? '' : 's'}; nothing was stored.`;
        throw new HttpError(400, message, { error: 'invalid_lead', message, problems: parsed.problems });
      }
      const outcome = await intake.submit([parsed.lead]);
      sendJson(res, 202, withWarnings(outcome.results[0], parsed.warnings));
      afterResponse(outcome);
      return;
    }

    const problem = batchProblem(body.leads);
    if (problem) {
      const message = `The batch is not valid: leads ${problem.message}; nothing was stored.`;
      throw new HttpError(400, message, { error: 'invalid_batch', message, problems: [problem] });
    }
    const entries: (BatchEntry | undefined)[] = [];
    const valid: { index: number; lead: LeadInput; warnings: Problem[] }[] = [];
    (body.leads as unknown[]).forEach((item, index) => {
      const parsed = parseLead(item);
      if (parsed.ok) {
        valid.push({ index, lead: parsed.lead, warnings: parsed.warnings });
        entries.push(undefined);
      } else {
        entries.push({ index, ...(parsed.id !== undefined ? { id: parsed.id } : {}), error: 'invalid_lead', problems: parsed.problems });
      }
    });
    if (valid.length === 0) {
      const message = 'No lead in the batch is valid; nothing was stored.';
      throw new HttpError(400, message, { error: 'invalid_batch', message, results: entries, problems: entries.flatMap((e) => (e && 'problems' in e ? e.problems : [])) });
    }
    const outcome = await intake.submit(valid.map((v) => v.lead));
    valid.forEach((v, i) => { entries[v.index] = withWarnings(outcome.results[i], v.warnings); });
    // 202 when anything was stored: the valid leads are safe, the per-lead results say which were not.
    sendJson(res, 202, { results: entries });
    afterResponse(outcome);
  };
}
