// A worker process that a test kills with SIGKILL at the worst moment. Modes:
//  in-tx:       the handler hangs inside its transaction after writing the effect;
//  after-commit: the handler's transaction commits, then the process hangs before acknowledging.
import { pino } from 'pino';
import { createDb } from '../../../src/server/db/client.ts';
import { Jobs } from '../../../src/server/jobs/jobs.ts';
import { defineEffectJob, EFFECT_QUEUE } from './effect-job.ts';

const [appUrl, mode] = process.argv.slice(2);
const db = createDb(appUrl, { max: 2 });
const jobs = new Jobs({ db, url: appUrl, log: pino({ level: 'silent' }), smtpEnabled: false });
defineEffectJob(jobs, { hangAfterEffect: mode === 'in-tx' });
await jobs.start();
for (;;) {
  const [job] = await jobs.boss.fetch<{ workspaceId: string }>(EFFECT_QUEUE);
  if (!job) {
    await new Promise((r) => setTimeout(r, 100));
    continue;
  }
  await jobs.handle(EFFECT_QUEUE, job.id, job.data);
  process.stdout.write('committed\n');
  await new Promise(() => {}); // never acknowledges
}
