// Plays the CRM: posts each lead until it gets a 2xx, retrying on a dropped connection or a 5xx
// as a real webhook sender would, against whichever app process is up at the moment.

import { PROCESS_WEBHOOK_SECRET } from '../../support/handoff-process.ts';
import { leadBody, makeOwners, ownerFor } from '../../support/lead-bodies.ts';

export interface DriverStats {
  accepted: Set<string>;
  /** When each lead got its first 2xx (Date.now()): where its speed to lead starts. */
  acceptedAt: Map<string, number>;
  answers: Record<string, number>;
  /** requests that died with the connection (the process was killed mid-request, or was not up yet) */
  connectionErrors: number;
  /** 5xx answers, with their bodies: never expected */
  serverErrors: string[];
  /** 4xx answers: never expected for these well-formed leads */
  refusals: string[];
}

export function newStats(): DriverStats {
  return { accepted: new Set(), acceptedAt: new Map(), answers: {}, connectionErrors: 0, serverErrors: [], refusals: [] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts one lead to `url()` until a 2xx (re-reading url() between attempts, since the process may change). */
export async function deliverLead(url: () => string, id: string, body: Record<string, unknown>, stats: DriverStats): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    try {
      const res = await fetch(`${url()}/webhooks/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${PROCESS_WEBHOOK_SECRET}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.status === 202) {
        const status = JSON.parse(text).status as string;
        stats.answers[status] = (stats.answers[status] ?? 0) + 1;
        stats.accepted.add(id);
        if (!stats.acceptedAt.has(id)) stats.acceptedAt.set(id, Date.now());
        return;
      }
      if (res.status >= 500) stats.serverErrors.push(`${id}: ${res.status} ${text.slice(0, 200)}`);
      else {
        stats.refusals.push(`${id}: ${res.status} ${text.slice(0, 200)}`);
        return;
      }
    } catch {
      stats.connectionErrors++;
    }
    await sleep(Math.min(50 * 2 ** Math.min(attempt, 5), 1000));
  }
  throw new Error(`lead ${id} never got a 2xx`);
}

export { leadBody, makeOwners, ownerFor };
