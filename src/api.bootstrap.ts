import 'reflect-metadata';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { describeAuthInOpenApi } from './auth/openapi-auth';
import { requireSessionBeforeBody } from './auth/session-before-body';
import { describeErrorResponses, methodNotAllowed } from './common/openapi-responses';
import { describeValidationInOpenApi } from './common/openapi-validation';
import { DomainExceptionFilter, readJsonBodies } from './common/domain-exception.filter';
import { NonEmptyPatchInterceptor } from './common/non-empty-patch';
import { describeTextRulesInOpenApi, refuseControlCharactersInUrl, refuseNonJsonBodies, TextInputPipe } from './common/text-input';
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
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Medverkan API')
      .setDescription('Patient- och närståendemedverkan i nationella arbetsgrupper (Rutin för patientmedverkan).')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  describeAuthInOpenApi(app, doc);
  describeValidationInOpenApi(app, doc);
  describeTextRulesInOpenApi(doc);
  describeErrorResponses(doc);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
