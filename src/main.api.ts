import { loadConfig } from './config/config';
import { createLogger } from './logging/logger';
import { createApi } from './api.bootstrap';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'medverkan-api');
  const app = await createApi(config, logger);
  await app.listen(config.http.port, '0.0.0.0');
  logger.info({ url: await app.getUrl(), docs: `${await app.getUrl()}/api/docs` }, 'API listening');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
