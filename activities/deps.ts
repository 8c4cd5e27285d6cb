import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from '../src/config/config';

/** What activities may use. Built once by the worker's Nest context and handed to createActivities. */
export interface ActivityDeps {
  dataSource: DataSource;
  logger: Logger;
  config: AppConfig;
}
