// A rep's answer written back onto the CRM record the lead came from: queued in the answer's
// transaction, sent by the outbox (once, retried, paced per CRM).

import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database, Lead } from '../../db/schema.ts';
import { enqueueMany, type OutboxItem } from '../../delivery/outbox.ts';
import { REJECT_REASONS, isRejectReason } from '../leads/model.ts';
import type { CrmAnswer } from './answers.ts';

export type CrmName = 'hubspot' | 'salesforce';

/** payload of kind 'crm' (target = the CRM's name, so each CRM's writes keep their order and pace). */
export type CrmWrite =
  | { crm: 'hubspot'; op: 'set_status'; contactId: string; value: string; leadId: string; answer: CrmAnswer }
  | { crm: 'hubspot'; op: 'note'; contactId: string; text: string; at: string; leadId: string; answer: CrmAnswer }
  | { crm: 'salesforce'; op: 'set_status'; leadRecordId: string; value: string; leadId: string; answer: CrmAnswer };

/** The CRM record a lead came from, by the id its connector gave it (`hubspot-<contact id>`, `sf-<Lead Id>`). */
export function crmRecordOf(leadId: string): { crm: CrmName; recordId: string } | undefined {
  const hubspot = /^hubspot-(\d+)$/.exec(leadId);
  if (hubspot) return { crm: 'hubspot', recordId: hubspot[1] };
  const salesforce = /^sf-(00Q[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)$/.exec(leadId);
  if (salesforce) return { crm: 'salesforce', recordId: salesforce[1] };
  return undefined;
}

function rejectionNote(reason: string | null, comment: string | null): string {
  const label = reason && isRejectReason(reason) ? REJECT_REASONS[reason] : 'Other';
  return `Marked not qualified in Handoff: ${label}.${comment ? ` "${comment}"` : ''}`;
}

/** Queues what the CRM must learn of this answer; nothing when the lead came from no configured CRM. */
export async function queueCrmWriteBack(
  db: Kysely<Database>,
  now: Date,
  config: Pick<Config, 'hubspot' | 'salesforce'>,
  lead: Pick<Lead, 'id' | 'reject_reason' | 'reject_comment'>,
  answer: CrmAnswer,
): Promise<number> {
  const record = crmRecordOf(lead.id);
  if (!record) return 0;
  const writes: CrmWrite[] = [];
  if (record.crm === 'hubspot' && config.hubspot) {
    writes.push({ crm: 'hubspot', op: 'set_status', contactId: record.recordId, value: config.hubspot.statusMap[answer], leadId: lead.id, answer });
    if (answer === 'rejected') {
      writes.push({ crm: 'hubspot', op: 'note', contactId: record.recordId, text: rejectionNote(lead.reject_reason, lead.reject_comment), at: now.toISOString(), leadId: lead.id, answer });
    }
  }
  if (record.crm === 'salesforce' && config.salesforce) {
    writes.push({ crm: 'salesforce', op: 'set_status', leadRecordId: record.recordId, value: config.salesforce.statusMap[answer], leadId: lead.id, answer });
  }
  const items: OutboxItem[] = writes.map((w) => ({
    kind: 'crm',
    target: w.crm,
    payload: w,
    dedupeKey: `crm:${w.crm}:${lead.id}:${answer}:${w.op}`,
    refType: 'crm',
    refId: lead.id,
  }));
  return enqueueMany(db, now, items);
}
