import type { CrmConnections } from '../crm/connections.ts';
import { addHubSpotContactNote, setHubSpotContactProperty } from '../crm/hubspot-api.ts';
import type { CrmWrite } from '../domain/crm/write-back.ts';
import type { Attempt } from './attempt.ts';

/**
 * Writes one answer onto its CRM record. A CRM that is no longer configured leaves the row
 * waiting as a configuration problem (it goes once the variables are back), never dropped.
 */
export async function sendCrmWrite(write: CrmWrite, crm: CrmConnections, now: () => number): Promise<Attempt> {
  const pauseKey = write.crm;
  if (write.crm === 'hubspot') {
    if (!crm.hubspot) return { sent: false, failure: { type: 'config', error: 'HUBSPOT_TOKEN is not set: HubSpot write-backs wait' }, pauseKey };
    const result = write.op === 'set_status'
      ? await setHubSpotContactProperty(crm.hubspot.access, write.contactId, 'hs_lead_status', write.value, now)
      : await addHubSpotContactNote(crm.hubspot.access, write.contactId, write.text, write.at, now);
    return result.ok
      ? { sent: true, channel: 'hubspot', ts: '', result: { op: write.op, id: typeof result.body.id === 'string' ? result.body.id : write.contactId } }
      : { sent: false, failure: result.failure, pauseKey };
  }
  if (!crm.salesforce) return { sent: false, failure: { type: 'config', error: 'The Salesforce connector is not configured: Salesforce write-backs wait' }, pauseKey };
  const result = await crm.salesforce.session.setLeadStatus(write.leadRecordId, write.value);
  return result.ok ? { sent: true, channel: 'salesforce', ts: '', result: { op: write.op, id: write.leadRecordId } } : { sent: false, failure: result.failure, pauseKey };
}
