import { afterEach, describe, expect, it } from 'vitest';
import { leadOwnersJob } from '../../src/jobs/lead-owners.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, leadRow } from './support.ts';

let app: TestApp | undefined;
afterEach(async () => { await app?.stop(); app = undefined; });

describe('a DM delivered just before a crash', () => {
  it('is recorded on the lead by the next job run, without a second DM', async () => {
    app = await startTestApp();
    const lead = await deliveredLead(app);
    // What a kill between "outbox row sent" and "delivery hook ran" leaves behind.
    await app.handoff.deps.db.updateTable('leads').set({ delivery: 'queued', delivered_at: null, dm_channel: null, dm_ts: null }).where('id', '=', lead.id).execute();
    await app.handoff.deps.db.deleteFrom('lead_events').where('lead_id', '=', lead.id).where('type', '=', 'delivered').execute();

    await leadOwnersJob.run(app.handoff.deps);

    const row = await leadRow(app, lead.id);
    expect(row?.delivery).toBe('delivered');
    expect(row?.dm_channel).toBe(lead.channel);
    expect(row?.dm_ts).toBe(lead.ts);
    const delivered = await app.handoff.deps.db.selectFrom('lead_events').select('id').where('lead_id', '=', lead.id).where('type', '=', 'delivered').execute();
    expect(delivered).toHaveLength(1);
    expect(app.standIn.messages(lead.channel)).toHaveLength(1);
  });
});
