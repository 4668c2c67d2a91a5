import type { Db } from '../../db/client.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { sealLeftovers } from './audit-sealer.ts';

/**
 * Registers `audit.seal-sweep`: every minute (and when workers start), seals the workspaces whose
 * audit events stayed unsealed for more than a few seconds — a process that stopped between a
 * commit and its seal. Normally each commit's own seal has chained them within a moment.
 */
export function registerAuditJobs(jobs: Jobs, db: Db): void {
  jobs.schedule({
    name: 'audit.seal-sweep',
    cron: '* * * * *',
    atStart: true,
    run: async () => {
      await sealLeftovers(db);
    },
  });
}
