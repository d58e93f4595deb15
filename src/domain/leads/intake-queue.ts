import type { Deps } from '../../deps.ts';
import { intakeLeadGroups, type IntakeOutcome } from './intake.ts';
import type { LeadInput } from './intake-schema.ts';

// Each commit writes its pages to the write-ahead log and waits for an fsync. Requests that
// arrive together therefore share one transaction and one fsync: each is answered once the commit
// that holds its leads is on disk, and a failed commit fails every request in it.

/** Leads per shared commit: keeps one commit short even when big batches arrive together. */
const MAX_LEADS_PER_COMMIT = 1000;

export interface IntakeQueue {
  /** Resolves once the leads are durably stored (or found to be duplicates); rejects when their commit failed. */
  submit(leads: LeadInput[]): Promise<IntakeOutcome>;
}

interface Waiting {
  leads: LeadInput[];
  resolve(outcome: IntakeOutcome): void;
  reject(error: unknown): void;
}

type CommitGroups = (deps: Deps, groups: LeadInput[][]) => Promise<IntakeOutcome[]>;

export function createIntakeQueue(deps: Deps, commitGroups: CommitGroups = intakeLeadGroups): IntakeQueue {
  let waiting: Waiting[] = [];
  let committing = false;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || committing || waiting.length === 0) return;
    scheduled = true;
    // After the I/O callbacks of this turn of the loop: every request read in it joins the commit.
    setImmediate(commitWaiting);
  }

  function takeGroup(): Waiting[] {
    let leads = 0;
    let n = 0;
    while (n < waiting.length && (n === 0 || leads + waiting[n].leads.length <= MAX_LEADS_PER_COMMIT)) {
      leads += waiting[n].leads.length;
      n += 1;
    }
    const group = waiting.slice(0, n);
    waiting = waiting.slice(n);
    return group;
  }

  async function commitWaiting(): Promise<void> {
    scheduled = false;
    committing = true;
    const group = takeGroup();
    try {
      const outcomes = await commitGroups(deps, group.map((w) => w.leads));
      group.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      committing = false;
      schedule();
    }
  }

  return {
    submit(leads) {
      return new Promise<IntakeOutcome>((resolve, reject) => {
        waiting.push({ leads, resolve, reject });
        schedule();
      });
    },
  };
}
