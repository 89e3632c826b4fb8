import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { createContainer, type Container } from './container.js';
import { migrateToLatest } from './db/migrate.js';
import { DomainError } from './domain-error.js';
import { formatRunSummary } from './format-run-summary.js';
import { StartupError } from './startup-error.js';
import { createLogger } from './logger.js';
import { run } from './main.js';
import { createTenant, createToken, revokeToken, syncTenant } from './operator.js';

const USAGE = `Usage: seatsync <command>

  start                     HTTP server and job runner in one process (the default way to try seatsync)
  serve                     HTTP server only (SCIM, admin API, /healthz, /readyz, /metrics)
  worker                    job runner only
  migrate                   apply database migrations
  tenant create <name> [--email <address>] [--json]
                            (--email: the initial owner's contact e-mail, where admin alerts go)
  token create --tenant <name> --kind scim|admin [--role owner|license_admin|read_only|operator]
               [--email <address>] [--json]
                 (operator: edits that tenant's product catalog through the admin API, nothing else;
                  --email: an owner's contact e-mail, where the tenant's admin alerts go)
  token revoke <token-id>
  sync --tenant <name> [--connection <id>] [--json]
                            run the tenant's Entra ID sync now, in this process, and print the run summary

Without DATABASE_URL the commands use the embedded database under DATA_DIR (default ./data).`;

/** Operator commands against DATABASE_URL, or against DATA_DIR (through a running server's socket if there is one). */
async function withContainer<T>(
  work: (container: Container) => Promise<T>,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const container = await createContainer(
    config,
    createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL),
    {
      reuseRunningEmbedded: true,
    },
  );
  try {
    if (migrate) await migrateToLatest(container.database.knex);
    return await work(container);
  } finally {
    await container.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      tenant: { type: 'string' },
      kind: { type: 'string' },
      role: { type: 'string' },
      email: { type: 'string' },
      connection: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'start':
    case 'serve':
    case 'worker':
      await run(command as 'start' | 'serve' | 'worker');
      return -1; // keeps running
    case 'migrate': {
      const applied = await withContainer((c) => migrateToLatest(c.database.knex), { migrate: false });
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
      return 0;
    }
    case 'tenant create': {
      if (!arg) throw new DomainError('invalid_value', 'tenant create needs a name');
      const created = await withContainer((c) => createTenant(c, arg, values.email));
      if (values.json) console.log(JSON.stringify(created));
      else
        console.log(
          `Tenant ${arg} (${created.tenantId})\nSCIM token:  ${created.scimToken}\nAdmin token: ${created.adminToken} (owner)\nThe tokens are shown once.`,
        );
      return 0;
    }
    case 'token create': {
      const kind = values.kind;
      if (!values.tenant || (kind !== 'scim' && kind !== 'admin')) {
        throw new DomainError('invalid_value', 'token create needs --tenant <name> and --kind scim|admin');
      }
      const role = kind === 'admin' ? (values.role ?? 'owner') : null;
      if (role !== null && !['owner', 'license_admin', 'read_only', 'operator'].includes(role)) {
        throw new DomainError('invalid_value', '--role is owner, license_admin, read_only or operator');
      }
      if (kind === 'scim' && values.role) throw new DomainError('invalid_value', 'SCIM tokens have no role');
      const email = values.email;
      const token = await withContainer((c) =>
        createToken(c, values.tenant as string, kind, role as 'owner' | null, email),
      );
      if (values.json)
        console.log(
          JSON.stringify({
            tokenId: token.id,
            tenantId: token.tenantId,
            kind,
            role,
            email: email ?? null,
            token: token.token,
          }),
        );
      else
        console.log(
          `Token ${token.id} (${kind}${role ? `, ${role}` : ''}${email ? `, ${email}` : ''}):\n${token.token}\nIt is shown once.`,
        );
      return 0;
    }
    case 'token revoke': {
      if (!arg) throw new DomainError('invalid_value', 'token revoke needs a token id');
      await withContainer((c) => revokeToken(c, arg));
      console.log(`Token ${arg} revoked`);
      return 0;
    }
    case 'sync': {
      if (!values.tenant) throw new DomainError('invalid_value', 'sync needs --tenant <name>');
      const results = await withContainer((c) => syncTenant(c, values.tenant as string, values.connection));
      if (values.json) console.log(JSON.stringify(results));
      else for (const { name, outcome } of results) console.log(formatRunSummary(name, outcome));
      return results.every(({ outcome }) => outcome.status === 'done' && outcome.run.status !== 'failed')
        ? 0
        : 2;
    }
    default:
      console.error(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(
      error instanceof DomainError ||
        error instanceof StartupError ||
        (error instanceof Error &&
          error.name === 'TypeError' &&
          /parseArgs|ERR_PARSE_ARGS/.test(String((error as { code?: string }).code)))
        ? `seatsync: ${error.message}`
        : error,
    );
    process.exit(1);
  },
);
