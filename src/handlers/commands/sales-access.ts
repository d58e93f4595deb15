import type { Deps } from '../../deps.ts';
import { PermissionCheckFailed } from '../../domain/permissions.ts';
import { OutOfTime, withinBudget } from '../../within-budget.ts';

// Slack must get the ack within 3 s; a membership check that takes longer is answered as "try again".
const ACK_BUDGET_MS = 2_000;

/** Whether the user may use sales commands (SALES_USERGROUP), decided within the ack budget. */
export async function isSalesWithinAck(deps: Deps, userId: string): Promise<boolean> {
  // No group means everyone: nothing to wait for, so no timer to set on every command.
  if (!deps.config.salesUsergroup) return true;
  try {
    return await withinBudget(deps.permissions.isSales(userId), ACK_BUDGET_MS);
  } catch (error) {
    throw error instanceof OutOfTime ? new PermissionCheckFailed(error) : error;
  }
}
