/** Every pg-boss queue, created by `tandem migrate`. Job ids are dotted, verb-first. */
export const QUEUE_NAMES = [
  'email.send',
  'email.send-sweep',
  'auth.purge-expired',
  'imports.run',
  'duplicates.rekey',
  'duplicates.rekey-sweep',
  'registrations.timers',
  'audit.seal-sweep',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
