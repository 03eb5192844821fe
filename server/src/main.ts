/** Production and demo entry point: reads config, starts the API, closes cleanly on SIGTERM/SIGINT. */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startEmbeddedDemo, type EmbeddedDemo } from './embedded/demo.ts';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const demo: EmbeddedDemo | undefined = config.embeddedSandbox ? await startEmbeddedDemo(config) : undefined;
  const app = await buildApp({ config, ready: async () => true });
  const address = await app.listen({ port: config.port, host: config.host });
  const shown = address.replace('127.0.0.1', 'localhost');

  console.log(`callbudget API      ${shown}  (docs: ${shown}/docs)`);
  if (demo) {
    console.log(`sandbox org         ${demo.sandboxUrl}  (embedded; not Salesforce)`);
    for (const line of demo.describe()) console.log(line);
  }

  let closing = false;
  const close = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await demo?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
}

await main();
