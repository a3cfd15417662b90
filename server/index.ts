import { startServer } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';

function configFromEnvironment(): ServerConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`droplink-server: ${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const server = await startServer(configFromEnvironment());
  process.stdout.write(`Droplink server listening on ${server.url}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`droplink-server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`droplink-server: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
