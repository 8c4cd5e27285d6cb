import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from '../src/config/config';
import type { FieldCipher } from '../src/crypto/field-cipher';

/** What activities may use. Built once by the worker's Nest context and handed to createActivities. */
export interface ActivityDeps {
  dataSource: DataSource;
  logger: Logger;
  config: AppConfig;
  cipher: FieldCipher;
}
