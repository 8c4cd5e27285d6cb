import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';

const TO_PINO: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Routes the Temporal SDK's own logs (worker, workflows' `log`) into the same JSON log stream. Call once. */
export function installTemporalRuntimeLogger(logger: Logger, level: LogLevel = 'INFO') {
  const target = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      target[TO_PINO[entry.level]]({ ...(entry.meta ?? {}) }, entry.message);
    }),
  });
}
