import { announceDefinitionChange } from '../domain/mql/announce.ts';
import type { Job } from './index.ts';

/**
 * Announces a changed lead definition once, at start. The hourly schedule only retries a start
 * whose announcement failed (e.g. the database was busy); after one success this process has
 * said all it has to say, and re-checking later could undo a newer replica's announcement
 * during a rolling deploy.
 */
export function mqlAnnouncementJob(): Job {
  let done = false;
  return {
    name: 'mql-announcement',
    schedule: '17 * * * *',
    runAtStart: true,
    async run(deps) {
      if (done) return;
      await announceDefinitionChange(deps);
      done = true;
    },
  };
}
