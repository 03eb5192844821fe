/**
 * The real Salesforce CLI (`sf`, installed by scripts/ensure-sf-cli.sh) run as a child process on Node
 * 22, as a user would, with `--json`: a throwaway HOME (its own keychain file, config and logs), no
 * update check, no telemetry, and loopback-only networking (loopback-only.cjs logs any other host).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repository = resolve(here, '../../..');

/** What one `sf … --json` printed: its exit code and the parsed JSON (`status` 0 on success). */
export interface SfResult {
  exitCode: number;
  json: { status: number; result?: any; name?: string; message?: string; warnings?: unknown[] };
  stderr: string;
}

export interface SfCli {
  /** Run `sf <args> --json` with extra environment variables. */
  sf(args: string[], env?: Record<string, string>): Promise<SfResult>;
  /** Hosts other than this machine the CLI tried to reach, and how many CLI processes were guarded. */
  outsideConnections(): Promise<{ guardedProcesses: number; refused: string[] }>;
  close(): Promise<void>;
}

/** Install (or find, when cached) the pinned CLI and Node 22; the paths ensure-sf-cli.sh prints. */
async function installedCli(): Promise<{ node: string; entry: string }> {
  const { stdout } = await run('bash', [join(repository, 'scripts/ensure-sf-cli.sh')], { maxBuffer: 1 << 20 });
  const [node, entry] = stdout.trim().split('\n');
  if (!node || !entry) throw new Error(`ensure-sf-cli.sh printed no paths: ${stdout}`);
  return { node, entry };
}

/** A CLI user with an empty home folder of their own. */
export async function startSfCli(): Promise<SfCli> {
  const { node, entry } = await installedCli();
  const home = await mkdtemp(join(tmpdir(), 'callbudget-sf-home-'));
  const netLog = join(home, 'outside-connections.log');
  const env: Record<string, string> = {
    PATH: `${dirname(node)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local/share'),
    TMPDIR: home,
    // Credentials go to a file in HOME, not the desktop keychain.
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    // Both spellings: the CLI reads one, oclif's update hook the other.
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_DISABLE_DNS_CHECK: 'true',
    NO_COLOR: '1',
    // Node's compile cache beside the installed CLI (keyed by file content): about 15% less CPU per command.
    NODE_COMPILE_CACHE: join(dirname(entry), '../../../../.node-compile-cache'),
    NODE_OPTIONS: `--require ${join(here, 'loopback-only.cjs')}`,
    CALLBUDGET_NET_LOG: netLog,
  };
  return {
    async sf(args, extra = {}) {
      const result = await run(node, [entry, ...args, '--json'], { cwd: home, env: { ...env, ...extra }, maxBuffer: 64 << 20 }).then(
        ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
        (error: Error & { code?: number; stdout?: string; stderr?: string }) => ({ exitCode: typeof error.code === 'number' ? error.code : -1, stdout: error.stdout ?? '', stderr: error.stderr ?? error.message }),
      );
      let json: SfResult['json'];
      try {
        json = JSON.parse(result.stdout) as SfResult['json'];
      } catch {
        throw new Error(`sf ${args.join(' ')} printed no JSON (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
      }
      return { exitCode: result.exitCode, json, stderr: result.stderr };
    },
    async outsideConnections() {
      const lines = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
      return { guardedProcesses: (await lines(`${netLog}.guarded`)).length, refused: await lines(netLog) };
    },
    close: () => rm(home, { recursive: true, force: true }),
  };
}
