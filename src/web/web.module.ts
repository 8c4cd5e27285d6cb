import fs from 'node:fs';
import path from 'node:path';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger';
import { spaAnswer } from './spa-request';

/** web/dist, from src/web (ts-node, jest) or dist/src/web (the built API). */
export function findWebDist(): string | undefined {
  const candidates = [path.resolve(__dirname, '../../web/dist'), path.resolve(__dirname, '../../../web/dist')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

/**
 * Serves the web app (built by `npm run build:web` into web/dist) from the API's own port.
 *
 * The handler is added in onModuleInit: Nest has registered every controller route by then and adds its
 * not-found handler only afterwards, so the web app only answers requests no API route answers. API paths keep
 * working, API clients still get JSON 404s, and a browser asking for an app page (`/grupper/…`) gets index.html.
 */
@Module({})
export class WebModule implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const root = findWebDist();
    if (!root) {
      this.logger.warn({ component: 'web' }, 'web/dist saknas: webbappen visas inte. Kör `npm run build`.');
      return;
    }
    const index = path.join(root, 'index.html');
    adapter.use((req: Request, res: Response, next: NextFunction) => {
      const answer = spaAnswer(root, req.method, req.path, req.accepts(['json', 'html']) === 'html');
      if (answer.kind === 'none') return next();
      const file = answer.kind === 'file' ? answer.file : index;
      if (answer.kind === 'file' && !isFile(file)) return next();
      setSecurityHeaders(res);
      res.setHeader('Cache-Control', answer.kind === 'file' && answer.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.sendFile(file, (err) => {
        if (err && !res.headersSent) next(err);
      });
    });
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The app loads only its own scripts and styles; PDFs are shown from blob: URLs made from API answers. */
function setSecurityHeaders(res: Response) {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src blob:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
