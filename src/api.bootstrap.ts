import 'reflect-metadata';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { requireSessionBeforeBody } from './auth/session-before-body';
import { buildOpenApiDocument } from './common/openapi-document';
import { methodNotAllowed } from './common/openapi-responses';
import { DomainExceptionFilter, readJsonBodies } from './common/domain-exception.filter';
import { NonEmptyPatchInterceptor } from './common/non-empty-patch';
import { refuseControlCharactersInUrl, refuseNonJsonBodies, TextInputPipe } from './common/text-input';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { PinoNestLogger } from './logging/logger';

/** Builds the HTTP API (not yet listening): validation, error mapping, request logs and OpenAPI at /api/docs. */
export async function createApi(config: AppConfig, logger: Logger, extraModules: Array<Type | DynamicModule> = []): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, logger, extraModules), {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    bufferLogs: false,
    // The body is parsed by readJsonBodies below, after the checks that need no body (URL, content type).
    bodyParser: false,
  });
  app.enableShutdownHooks();
  const filter = new DomainExceptionFilter(logger);
  app.use(refuseControlCharactersInUrl());
  // 401 for a body sent to a route that needs a session, before the body is looked at (issue 14 #2).
  app.use(requireSessionBeforeBody(app, (e, host) => filter.catch(e, host)));
  app.use(refuseNonJsonBodies());
  app.use(...readJsonBodies());
  app.useGlobalPipes(new TextInputPipe(), createValidationPipe());
  app.useGlobalFilters(filter);
  app.useGlobalInterceptors(new NonEmptyPatchInterceptor());
  const http = logger.child({ component: 'http' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      http.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  });
  app.use(methodNotAllowed(app));
  const doc = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
