import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/db/schema.ts';
import { escalationRollupText } from '../../src/views/lead-notices.ts';

type Escalated = Pick<Lead, 'id' | 'name' | 'company' | 'owner_slack_id' | 'owner_email' | 'delivery'>;
const lead = (n: number, over: Partial<Escalated> = {}): Escalated => ({
  id: `crm-${n}`, name: `Lead ${n}`, company: 'Acme', owner_slack_id: 'UREP00001', owner_email: 'rep@corp.example', delivery: 'delivered', ...over,
});

describe('the roll-up of many escalations at once', () => {
  it('counts leads per owner, most first, with an example, and gives the CRM ids of leads that reached nobody', () => {
    const leads = [
      lead(1, { owner_slack_id: 'UREP00002' }),
      lead(2), lead(3), lead(4),
      lead(5, { owner_slack_id: null, owner_email: 'gone@corp.example', delivery: 'awaiting_owner' }),
      lead(6, { owner_slack_id: null, owner_email: 'gone@corp.example', delivery: 'awaiting_owner' }),
    ];
    const text = escalationRollupText(leads);
    expect(text.split('\n')).toEqual([
      '🚨 *6 leads have waited past their SLA with nobody answering.* They came due together (Handoff was catching up), so here they are in one message:',
      '• <@UREP00001>: 3 leads, among them *Lead 2* (Acme)',
      '• Its owner gone@corp.example is not in this Slack workspace: 2 leads — someone needs to pick them up (CRM ids `crm-5`, `crm-6`)',
      '• <@UREP00002>: 1 lead, among them *Lead 1* (Acme)',
      'Each rep sees their unanswered leads on Handoff’s Home tab.',
    ]);
  });

  it('stays short however many owners: ten listed, the rest counted, no prospect email anywhere', () => {
    const leads = Array.from({ length: 300 }, (_, n) => ({ ...lead(n, { owner_slack_id: `U${String(n % 30).padStart(8, '0')}` }), email: `prospect${n}@buyer.example` }));
    const text = escalationRollupText(leads);
    expect(text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(10);
    expect(text).toContain('…and 200 more leads of 20 more owners.');
    expect(text).not.toContain('buyer.example');
    expect(text.length).toBeLessThan(1500);
  });
});
