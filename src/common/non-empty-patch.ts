import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { InvalidInputError } from './errors';

export const EMPTY_PATCH_MESSAGE = 'Ange minst ett fält att ändra.';

/**
 * Whether a PATCH body asks for no change at all: missing, not a JSON object, or an object without fields
 * (fields whose value is undefined do not count). Pure.
 */
export function isEmptyPatchBody(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return true;
  return Object.values(body as Record<string, unknown>).every((v) => v === undefined);
}

/**
 * A PATCH that changes nothing is a mistake of the caller (a form sent empty, a client that forgot its body):
 * every PATCH endpoint answers it with 400 and a Swedish message instead of 200 (registered globally in
 * api.bootstrap.ts). Runs after the guard, so a refused or missing object still answers 401/403/404 first.
 */
@Injectable()
export class NonEmptyPatchInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') {
      const req = ctx.switchToHttp().getRequest<Request>();
      if (req.method === 'PATCH' && isEmptyPatchBody(req.body)) throw new InvalidInputError(EMPTY_PATCH_MESSAGE, { body: [EMPTY_PATCH_MESSAGE] });
    }
    return next.handle();
  }
}
