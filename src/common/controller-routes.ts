import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

/** One route of a controller method, as Nest registers it. */
export interface ControllerRoute {
  /** The controller class (its metadata: path, guards' decorators, route arguments). */
  metatype: object;
  prototype: Record<string, unknown>;
  /** The handler's method name on the controller. */
  name: string;
  handler: object;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options' | 'all';
  /** Express style: `/working-groups/:id`. */
  path: string;
}

/**
 * Every controller route of the application, read from the metadata Nest's router reads (issue 15 #3: the one
 * loop over controllers; the auth description, the 401-before-body check and the validation description use it).
 */
export function controllerRoutes(app: INestApplication): ControllerRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const out: ControllerRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    const ctrlPaths = ([] as string[]).concat((Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined) ?? '/');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPaths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase() as ControllerRoute['method'];
      for (const c of ctrlPaths) {
        for (const m of ([] as string[]).concat(methodPaths)) {
          out.push({ metatype, prototype, name, handler, method, path: joinPath(c, m) });
        }
      }
    }
  }
  return out;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/** `/a/:id` → `/a/{id}` */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
