import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger';
import { DomainError } from './errors';

/** The one error body of the API. Never a stack trace. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string[]>;
}

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
    if (body.statusCode >= 500) this.logger.error({ err: exception }, 'unhandled error');
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof DomainError) return body(e.status, e.message, e.fields);
    if (e instanceof WorkflowNotFoundError) return body(404, 'Ärendet finns inte.');
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause as { message?: string } | undefined;
      return body(409, cause?.message ?? 'Steget kan inte utföras i ärendets nuvarande läge.');
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse() as string | { message?: string | string[]; fields?: Record<string, string[]> };
      if (typeof r === 'string') return body(status, r);
      const msg = Array.isArray(r.message) ? r.message.join('; ') : (r.message ?? e.message);
      return body(status, msg, r.fields);
    }
    if (isBodyParserError(e)) return body(e.status, 'Förfrågan kunde inte läsas: kontrollera att den är giltig JSON.');
    return body(500, 'Ett oväntat fel inträffade. Försök igen om en stund.');
  }
}

function body(statusCode: number, message: string, fields?: Record<string, string[]>): ErrorBody {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', message, ...(fields ? { fields } : {}) };
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && 'type' in e && 'status' in e && typeof (e as { status: unknown }).status === 'number';
}
