import type { StandInUser } from '../../src/standin/slack-standin.ts';
import { PROCESS_WEBHOOK_SECRET } from '../../test/support/handoff-process.ts';
import { leadBody, ownerFor } from '../../test/support/lead-bodies.ts';
import type { RawRequest } from './slack-requests.ts';

/** Lead n of a load run, as the CRM posts it, owned by one of `owners` (half by email, half by Slack id). */
export function leadRequest(owners: StandInUser[], id: string, n: number): RawRequest {
  return {
    method: 'POST',
    path: '/webhooks/leads',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PROCESS_WEBHOOK_SECRET}` },
    body: JSON.stringify(leadBody(id, ownerFor(owners, n))),
  };
}
