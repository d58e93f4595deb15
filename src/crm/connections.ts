// The CRM connectors this install has (each off until its variables are set), with what they
// remember: a CRM owner id's email, for an hour, so a burst of leads asks the CRM once per owner.

import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Failure } from '../delivery/failure.ts';
import { hubspotOwnerEmail, type HubSpotAccess } from './hubspot-api.ts';
import { SalesforceSession } from './salesforce-api.ts';

type OwnerAnswer = { email: string | undefined } | { failure: Failure };

const FOUND_FOR_MS = 60 * 60_000;
const NOT_FOUND_FOR_MS = 5 * 60_000;

/** Owner id → email, cached, one question in flight per id; failures are not kept. */
export class OwnerEmails {
  private readonly known = new Map<string, { email: string | undefined; until: number }>();
  private readonly asking = new Map<string, Promise<OwnerAnswer>>();

  constructor(private readonly ask: (ownerId: string) => Promise<OwnerAnswer>, private readonly nowMs: () => number) {}

  async emailOf(ownerId: string): Promise<OwnerAnswer> {
    const hit = this.known.get(ownerId);
    if (hit && hit.until > this.nowMs()) return { email: hit.email };
    const pending = this.asking.get(ownerId);
    if (pending) return pending;
    const asking = this.ask(ownerId).then((answer) => {
      if (!('failure' in answer)) this.known.set(ownerId, { email: answer.email, until: this.nowMs() + (answer.email ? FOUND_FOR_MS : NOT_FOUND_FOR_MS) });
      return answer;
    }).finally(() => this.asking.delete(ownerId));
    this.asking.set(ownerId, asking);
    return asking;
  }
}

export interface CrmConnections {
  hubspot: { access: HubSpotAccess; owners: OwnerEmails } | undefined;
  salesforce: { session: SalesforceSession; owners: OwnerEmails } | undefined;
}

export function connectCrms(config: Pick<Config, 'hubspot' | 'salesforce'>, clock: Clock): CrmConnections {
  const nowMs = () => clock.now().getTime();
  let hubspot: CrmConnections['hubspot'];
  if (config.hubspot) {
    const access = { token: config.hubspot.token, apiUrl: config.hubspot.apiUrl };
    hubspot = { access, owners: new OwnerEmails((id) => hubspotOwnerEmail(access, id, nowMs), nowMs) };
  }
  let salesforce: CrmConnections['salesforce'];
  if (config.salesforce) {
    const session = new SalesforceSession(config.salesforce, nowMs);
    salesforce = { session, owners: new OwnerEmails((id) => session.userEmail(id), nowMs) };
  }
  return { hubspot, salesforce };
}
