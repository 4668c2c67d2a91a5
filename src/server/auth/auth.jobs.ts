import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Jobs } from '../jobs/jobs.ts';

/** Registers the hourly purge of expired sessions, magic links and idempotency keys. */
export function registerAuthJobs(jobs: Jobs, db: Db): void {
  jobs.schedule({
    name: 'auth.purge-expired',
    cron: '17 * * * *',
    run: async () => {
      await sql`select purge_expired_auth()`.execute(db);
    },
  });
}
