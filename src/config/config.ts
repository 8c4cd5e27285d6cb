import { z } from 'zod';

/**
 * The one typed configuration of both entry points (API and worker).
 * It is read from the environment once, at start, and validated here; nothing else reads process.env.
 */
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, {
    message: 'must be 32 bytes encoded as base64 (for example: openssl rand -base64 32)',
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string({ message: 'is required (postgres://user:password@host:port/database)' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_MIGRATE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('medverkan'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  /** Encrypts personnummer and bank accounts at rest (AES-256-GCM). */
  DATA_ENCRYPTION_KEY: base64Key,
  MAIL_TRANSPORT: z.enum(['outbox', 'smtp']).default('outbox'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Medverkan <noreply@medverkan.local>'),
  /**
   * Workflows the worker keeps in memory (≈ 0.5 MB each); an evicted one is replayed from history at its next
   * step. 250 keeps the worker under 400 MB with 10 000 open workflows (`npm run bench:open-work`).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(250),
  /**
   * V8 old-space limit of the worker process in MB (`--max-old-space-size`, set by the launchers: npm start,
   * `npm run start:worker`, docker-compose). Without it V8 collects the workflow cache's garbage lazily and the
   * worker's memory grows well past what it holds.
   */
  WORKER_HEAP_MB: z.coerce.number().int().min(64).default(256),
  /** Threads that render PDFs off the event loop (src/documents/pdf-render-pool.ts); 0 renders on it. */
  PDF_RENDER_THREADS: z.coerce.number().int().min(0).max(8).default(1),
  /** Threads that run workflow code in the worker (the SDK's `workflowThreadPoolSize`; its default when unset). */
  WORKER_WORKFLOW_THREADS: z.coerce.number().int().min(1).max(16).optional(),
  /** Activities (not local ones) the worker runs at once (the SDK's `maxConcurrentActivityTaskExecutions`; its default when unset). */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).optional(),
  /** Sessions: opaque bearer tokens, valid this long after the last request (sliding). */
  AUTH_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).default(480),
  /** Account lock-out: this many failed logins in a row lock the account for AUTH_LOCKOUT_MINUTES. */
  AUTH_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  AUTH_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Per-IP rate limit on POST /auth/login: at most this many attempts per window. */
  AUTH_LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(30),
  AUTH_LOGIN_IP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
  /** How long an invitation link stays valid. */
  AUTH_INVITATION_TTL_HOURS: z.coerce.number().int().min(1).default(72),
  /** The first administrator, created at start when no administrator exists (see README "Demo accounts"). */
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
});

export type RawConfig = z.infer<typeof schema>;

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  http: { port: number; publicUrl?: string };
  logLevel: RawConfig['LOG_LEVEL'];
  database: { url: string; migrateOnStart: boolean };
  temporal: { address: string; namespace: string; taskQueue: string; uiUrl?: string; maxCachedWorkflows: number; workerHeapMb: number; workflowThreads?: number; maxConcurrentActivities?: number };
  crypto: { dataKey: Buffer };
  mail: { transport: 'outbox' | 'smtp'; smtpUrl?: string; from: string };
  auth: {
    sessionTtlMinutes: number;
    lockoutThreshold: number;
    lockoutMinutes: number;
    loginMaxPerIp: number;
    loginIpWindowSeconds: number;
    invitationTtlHours: number;
    bootstrapAdmin?: { email: string; password: string };
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment into an AppConfig, or throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`));
  }
  const c = parsed.data;
  if (c.MAIL_TRANSPORT === 'smtp' && !c.SMTP_URL) {
    throw new ConfigError(['SMTP_URL is required when MAIL_TRANSPORT=smtp']);
  }
  if (Boolean(c.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(c.BOOTSTRAP_ADMIN_PASSWORD)) {
    throw new ConfigError(['BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD are set together or not at all']);
  }
  return {
    env: c.NODE_ENV,
    http: { port: c.PORT, publicUrl: c.PUBLIC_URL },
    logLevel: c.LOG_LEVEL,
    database: { url: c.DATABASE_URL, migrateOnStart: c.DATABASE_MIGRATE_ON_START },
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      uiUrl: c.TEMPORAL_UI_URL,
      maxCachedWorkflows: c.WORKER_MAX_CACHED_WORKFLOWS,
      workerHeapMb: c.WORKER_HEAP_MB,
      workflowThreads: c.WORKER_WORKFLOW_THREADS,
      maxConcurrentActivities: c.WORKER_MAX_CONCURRENT_ACTIVITIES,
    },
    crypto: { dataKey: Buffer.from(c.DATA_ENCRYPTION_KEY, 'base64') },
    mail: { transport: c.MAIL_TRANSPORT, smtpUrl: c.SMTP_URL, from: c.MAIL_FROM },
    auth: {
      sessionTtlMinutes: c.AUTH_SESSION_TTL_MINUTES,
      lockoutThreshold: c.AUTH_LOCKOUT_THRESHOLD,
      lockoutMinutes: c.AUTH_LOCKOUT_MINUTES,
      loginMaxPerIp: c.AUTH_LOGIN_MAX_PER_IP,
      loginIpWindowSeconds: c.AUTH_LOGIN_IP_WINDOW_SECONDS,
      invitationTtlHours: c.AUTH_INVITATION_TTL_HOURS,
      bootstrapAdmin:
        c.BOOTSTRAP_ADMIN_EMAIL && c.BOOTSTRAP_ADMIN_PASSWORD
          ? { email: c.BOOTSTRAP_ADMIN_EMAIL, password: c.BOOTSTRAP_ADMIN_PASSWORD }
          : undefined,
    },
  };
}

/** Nest injection token for the AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
