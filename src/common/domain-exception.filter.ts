import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { json, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger';
import { isHandlerAbsent } from '../temporal/workflow-calls';
import { REFUSAL } from '../../workflows/refusals';
import { DomainError } from './errors';

/** The one error body of the API. Never a stack trace. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string[]>;
}

/** HTTP statuses of a workflow update's typed refusals (workflows/refusals.ts); WrongState and the rest are 409. */
const REFUSAL_STATUS: Record<string, number> = { [REFUSAL.invalidInput]: 400, [REFUSAL.forbidden]: 403, [REFUSAL.notFound]: 404, [REFUSAL.busy]: 503 };

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Maps domain errors, Nest's HTTP errors and Temporal's not-found / refused-update errors to HTTP answers. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode === 503) {
      this.logger.warn({ err: describeForLog(exception) }, 'engine unavailable');
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) this.logger.error({ err: exception }, 'unhandled error');
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof DomainError) return body(e.status, e.message, e.fields);
    if (e instanceof WorkflowNotFoundError) return body(404, 'Ärendet finns inte.');
    if (isHandlerAbsent(e)) return body(503, 'Ärendet tar ett annat steg just nu. Försök igen om en stund.');
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause as { message?: string } | undefined;
      // The workflow's typed refusals (workflows/refusals.ts) keep their meaning; any other failure is a conflict.
      const status = (cause instanceof ApplicationFailure && cause.type && REFUSAL_STATUS[cause.type]) || 409;
      return body(status, cause?.message ?? 'Steget kan inte utföras i ärendets nuvarande läge.');
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse() as string | { message?: string | string[]; fields?: Record<string, string[]> };
      if (typeof r === 'string') return body(status, r);
      const msg = Array.isArray(r.message) ? r.message.join('; ') : (r.message ?? e.message);
      return body(status, msg, r.fields);
    }
    if (isBodyParserError(e)) return bodyParserBody(e);
    const db = databaseErrorBody(e);
    if (db) return db;
    if (isEngineUnavailable(e)) return body(503, UNAVAILABLE);
    if (e instanceof RangeError && /call stack/i.test(e.message)) return body(400, 'Förfrågan är för djupt nästlad.');
    return body(500, 'Ett oväntat fel inträffade. Försök igen om en stund.');
  }
}

function body(statusCode: number, message: string, fields?: Record<string, string[]>): ErrorBody {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', message, ...(fields ? { fields } : {}) };
}

export const RETRY_AFTER_SECONDS = 5;
const UNAVAILABLE = 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.';

/** Body parser (express `json`) errors, in Swedish: what was wrong and what to do. */
export function bodyParserBody(e: { status: number; type: string }): ErrorBody {
  if (e.status === 413 || e.type === 'entity.too.large') {
    return body(413, 'Förfrågan är för stor. Skicka en mindre förfrågan (högst 100 kB).');
  }
  if (e.status === 415 || e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return body(415, 'Förfrågans teckenkodning stöds inte. Skicka JSON i UTF-8.');
  }
  if (e.type === 'entity.parse.failed') {
    return body(400, 'Förfrågan kunde inte läsas: innehållet är inte giltig JSON.');
  }
  if (e.status >= 400 && e.status < 500) return body(e.status, 'Förfrågan kunde inte läsas. Kontrollera innehållet och försök igen.');
  return body(500, 'Ett oväntat fel inträffade. Försök igen om en stund.');
}

/** PostgreSQL SQLSTATE (pg `DatabaseError.code`) of an error or of its `driverError`, else undefined. */
function sqlState(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const own = (e as { code?: unknown }).code;
  if (typeof own === 'string' && /^[0-9A-Z]{5}$/.test(own)) return own;
  const driver = (e as { driverError?: unknown }).driverError;
  return driver && driver !== e ? sqlState(driver) : undefined;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const CONNECTION_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /terminating connection/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /connection (is )?not (yet )?established/i,
  /is not currently accepting connections/i,
  /client was closed and is not queryable/i,
];

/**
 * TypeORM's errors of a connection that went away under a request (issue 14: "Query runner already released" while
 * PostgreSQL restarted — the transaction's connection died, TypeORM released its query runner, the next query of
 * the same request met it). They say nothing of the request: the database was briefly gone.
 */
const TYPEORM_CONNECTION_ERRORS = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'CannotExecuteNotConnectedError',
  'ConnectionIsNotSetError',
]);

/** True when the database (or the way to it) is down, not when the request or the code is wrong. */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 4) return false;
  const state = sqlState(e);
  // 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
  if (state && (state.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(state))) return true;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  const name = (e as { name?: unknown }).name;
  if (typeof name === 'string' && TYPEORM_CONNECTION_ERRORS.has(name)) return true;
  const message = (e as { message?: unknown }).message;
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(message))) return true;
  const inner = e as { driverError?: unknown; cause?: unknown; errors?: unknown };
  if (inner.driverError && inner.driverError !== e && isDatabaseUnavailable(inner.driverError, depth + 1)) return true;
  if (inner.cause && inner.cause !== e && isDatabaseUnavailable(inner.cause, depth + 1)) return true;
  // AggregateError (Node's net.connect with several addresses) carries the ECONNREFUSEDs in `errors`.
  if (Array.isArray(inner.errors) && inner.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return false;
}

/**
 * Database errors a client's input can cause are 4xx, an unavailable database is 503; the rest stay 500
 * (real defects). The database's own message is never shown (it may quote stored values).
 */
export function databaseErrorBody(e: unknown): ErrorBody | undefined {
  if (isDatabaseUnavailable(e)) return body(503, UNAVAILABLE);
  const state = sqlState(e);
  if (!state) return undefined;
  if (state === '23505') return body(409, 'Uppgiften finns redan. Hämta den befintliga i stället för att skapa en ny.');
  if (state === '23503') return body(409, 'Uppgiften hänger ihop med något som saknas eller används av annat och kan inte sparas så.');
  if (state === '23514' || state === '23502' || state === '23P01') {
    return body(400, 'Uppgifterna uppfyller inte kraven (till exempel ett tomt namn eller ett värde utanför det tillåtna). Rätta och försök igen.');
  }
  // 22xxx: data exception (invalid text such as a NUL byte, a number out of range, an invalid date).
  if (state.startsWith('22')) return body(400, 'Ett värde i förfrågan kan inte sparas (till exempel ett otillåtet tecken eller ett för stort tal). Rätta och försök igen.');
  // 40001 / 40P01: serialization failure or deadlock under concurrency — trying again works.
  if (state === '40001' || state === '40P01') return body(503, UNAVAILABLE);
  return undefined;
}

/** Only the kind of a database outage goes to the log (its message may carry the connection string's host). */
function describeForLog(e: unknown): { name?: string; code?: string; message?: string } {
  const o = (typeof e === 'object' && e !== null ? e : {}) as { name?: string; code?: string; message?: string };
  return { name: o.name, code: sqlState(e) ?? o.code, message: o.message };
}

export function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && 'type' in e && 'status' in e && typeof (e as { status: unknown }).status === 'number';
}

/**
 * A Temporal frontend that does not answer (gRPC UNAVAILABLE / DEADLINE_EXCEEDED), or a workflow that cannot take an
 * Update now because its last workflow task failed or timed out (FAILED_PRECONDITION "Workflow Task in failed state":
 * after a worker was killed mid-task, until the task is retried), or a restarted server that does not know its
 * namespace yet, seen directly or as a cause.
 */
function isEngineUnavailable(e: unknown): boolean {
  for (let x: unknown = e, i = 0; x && typeof x === 'object' && i < 5; x = (x as { cause?: unknown }).cause, i++) {
    const code = (x as { code?: unknown }).code;
    const name = (x as { name?: unknown }).name;
    const message = String((x as { message?: unknown }).message ?? (x as { details?: unknown }).details ?? '');
    if ((name === 'ServiceError' || 'metadata' in x) && (code === 14 || code === 4)) return true;
    if ('metadata' in x && code === 9 && /workflow task in failed state/i.test(message)) return true;
    // A Temporal server that has just restarted answers "Namespace not found" until its namespace registry is loaded
    // (the production-topology drill of 2026-12-04 23:09: one 500 right after a server restart). The API's namespace
    // exists (the worker and the start command register it), so this is the engine not ready yet.
    if (name === 'NamespaceNotFoundError') return true;
  }
  return false;
}

/** The request body limit: text of a form is far below it; files go as multipart with their own limits. */
export const JSON_BODY_LIMIT = '100kb';

/**
 * JSON bodies, read by body-parser (express's own), with its errors answered at once in Swedish: a body that
 * cannot be read never reaches a handler, and its text is never echoed back.
 */
export function readJsonBodies() {
  return [
    json({ limit: JSON_BODY_LIMIT, type: ['application/json', 'application/*+json'] }),
    (err: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (!isBodyParserError(err)) return next(err);
      const b = bodyParserBody(err);
      res.status(b.statusCode).json(b);
    },
  ] as const;
}
