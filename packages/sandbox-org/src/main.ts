/**
 * `npm run sandbox`: a standalone sandbox org on port 4010 (`--port N` or SANDBOX_PORT), control API
 * guarded by SANDBOX_CONTROL_KEY when set. Prints its URL; closes on SIGINT/SIGTERM.
 */
import { startSandbox } from './start.ts';

const DEFAULT_PORT = 4010;

/** The port from `--port N` / `--port=N`, else SANDBOX_PORT, else 4010; exits on a bad value. */
function readPort(argv: string[], env: NodeJS.ProcessEnv): number {
  const flag = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const raw = flag === -1 ? env.SANDBOX_PORT : (argv[flag]?.split('=')[1] ?? argv[flag + 1]);
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`sandbox: invalid port ${JSON.stringify(raw)} (expected 0-65535)`);
    process.exit(2);
  }
  return port;
}

const sandbox = await startSandbox({
  port: readPort(process.argv.slice(2), process.env),
  host: process.env.SANDBOX_HOST || '127.0.0.1',
  controlKey: process.env.SANDBOX_CONTROL_KEY || undefined,
});
console.log(`Salesforce sandbox org listening at ${sandbox.url}`);
console.log(`  create an org: curl -X POST ${sandbox.url}/_sandbox/orgs -H 'content-type: application/json' -d '{}'`);

let closing = false;
const shutdown = (signal: string): void => {
  if (closing) return;
  closing = true;
  console.log(`sandbox: ${signal}, closing`);
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('sandbox: close failed', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
