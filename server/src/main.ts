/** Production and demo entry point: reads config, starts the API, closes cleanly on SIGTERM/SIGINT. */
import { randomBytes } from 'node:crypto';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createServices } from './services.ts';
import type { EmbeddedDemo } from './embedded/demo.ts';

function readConfig(): Config {
  try {
    const config = loadConfig();
    if (!config.embeddedSandbox) return config;
    // Embedded mode makes its own operator key and prints it (nothing outlives the process), and its
    // demo org's credentials point at the sandbox on loopback.
    return {
      ...config,
      adminKey: config.adminKey ?? `cb_op_${randomBytes(24).toString('base64url')}`,
      salesforceHosts: [...config.salesforceHosts, `http://127.0.0.1:${config.sandboxPort === 0 ? '*' : config.sandboxPort}`],
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const services = createServices(config, { defaultMetrics: true });
  // Loaded only in embedded mode, so a production process never loads the sandbox org.
  const demo: EmbeddedDemo | undefined = config.embeddedSandbox ? await (await import('./embedded/demo.ts')).startEmbeddedDemo(config, services) : undefined;
  const app = await buildApp({ services, ...(demo ? { demoToken: demo.widgetToken } : {}) });
  const address = await app.listen({ port: config.port, host: config.host });
  const shown = address.replace('127.0.0.1', 'localhost');
  console.log(`callbudget API      ${shown}  (docs: ${shown}/docs)`);
  if (demo) {
    demo.startTraffic(address);
    console.log(`operator key        ${config.adminKey}`);
    for (const line of demo.describe(shown)) console.log(line);
  }

  let closing = false;
  const close = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await demo?.close();
    await app.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
}

await main();
