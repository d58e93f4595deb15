import type { Deps } from '../deps.ts';

/** Re-publishes a person's App Home after something it shows changed. Never throws. */
export async function refreshHome(_deps: Deps, _userId: string): Promise<void> {}
