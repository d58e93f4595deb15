import type { Deps } from '../../deps.ts';
import { PermissionCheckFailed } from '../../domain/permissions.ts';

// Slack must get the ack within 3 s; a membership check that takes longer is answered as "try again".
const ACK_BUDGET_MS = 2_000;

/** Whether the user may use sales commands (SALES_USERGROUP), decided within the ack budget. */
export async function isSalesWithinAck(deps: Deps, userId: string): Promise<boolean> {
  // No group means everyone: nothing to wait for, so no timer to set on every command.
  if (!deps.config.salesUsergroup) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new PermissionCheckFailed(new Error('the user group check took too long'))), ACK_BUDGET_MS);
  });
  try {
    return await Promise.race([deps.permissions.isSales(userId), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
