import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Text a person sends is checked once, before any validator or service sees it:
 * - control characters other than tab and newline (NUL, escape, DEL, C1 …) are refused: they are never part of a
 *   name, a reference or a search, and PostgreSQL refuses NUL outright;
 * - a text of only blanks counts as empty (a name of spaces is no name: the field's own "Ange …" message answers);
 * - text is stored in Unicode NFC, so "å" typed on two keyboards is one letter;
 * - nesting deeper than MAX_DEPTH is refused before any recursive code walks it.
 */
export const MAX_DEPTH = 32;
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export const CONTROL_MESSAGE = 'Texten innehåller otillåtna tecken (styrtecken). Ta bort dem och försök igen.';
export const DEPTH_MESSAGE = `Förfrågan är för djupt nästlad (högst ${MAX_DEPTH} nivåer).`;

export class TextInputError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string[]>,
  ) {
    super(message);
  }
}

function cleanString(s: string, path: string, fields: Record<string, string[]>): string {
  const text = s.replace(/\r\n/g, '\n');
  if (FORBIDDEN.test(text)) {
    fields[path || 'text'] = [CONTROL_MESSAGE];
    return s;
  }
  if (text.trim().length === 0) return '';
  return text.normalize('NFC');
}

/** Returns the cleaned copy of a value, or throws TextInputError naming every bad field. Pure. */
export function cleanTextInput<T>(value: T, base = ''): T {
  const fields: Record<string, string[]> = {};
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new TextInputError(DEPTH_MESSAGE, { [path || 'body']: [DEPTH_MESSAGE] });
    if (typeof v === 'string') return cleanString(v, path, fields);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    if (v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (FORBIDDEN.test(k)) {
          fields[path || 'body'] = [CONTROL_MESSAGE];
          continue;
        }
        out[k] = walk(x, path ? `${path}.${k}` : k, depth + 1);
      }
      return out;
    }
    return v;
  };
  const cleaned = walk(value, base, 0) as T;
  if (Object.keys(fields).length > 0) {
    throw new TextInputError(CONTROL_MESSAGE, fields);
  }
  return cleaned;
}

/** Global pipe: runs before validation on body, query and path parameters. */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    try {
      return cleanTextInput(value, metadata.type === 'param' && metadata.data ? metadata.data : '');
    } catch (e) {
      if (e instanceof TextInputError) throw new BadRequestException({ message: e.message, fields: e.fields });
      throw e;
    }
  }
}

/**
 * Middleware before routing: a path or query string that is not valid percent-encoding or carries control
 * characters is refused with 400 before any handler, database or workflow sees it.
 */
export function refuseControlCharactersInUrl() {
  return (req: Request, res: Response, next: NextFunction) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.originalUrl ?? req.url);
    } catch {
      return res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'Adressen är felaktigt kodad. Kontrollera länken och försök igen.' });
    }
    if (FORBIDDEN.test(decoded) || /[\n\t]/.test(decoded)) {
      return res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'Adressen innehåller otillåtna tecken (styrtecken). Kontrollera länken och försök igen.' });
    }
    next();
  };
}

/** Whether a request carries a body (by its headers, before anything reads it). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] !== undefined) return true;
  return length !== undefined && length !== '0';
}

/**
 * The API reads JSON, and multipart where a file is uploaded. Any other body (a form-encoded one would otherwise be
 * parsed and acted on) gets 415 before it is parsed.
 */
export function refuseNonJsonBodies() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type) || type === 'multipart/form-data') return next();
    return res.status(415).json({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'Innehållet måste skickas som JSON (Content-Type: application/json), eller som multipart/form-data när en fil laddas upp.',
    });
  };
}

const CONTROL_CLASS = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F';
/** A text without control characters (what TextInputPipe lets through), as a JSON Schema pattern. */
export const TEXT_PATTERN = `^[^${CONTROL_CLASS}]*$`;
/** A path or query value: no control characters at all (tab and newline included), as refuseControlCharactersInUrl checks. */
export const URL_TEXT_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';
/** The same with at least one character that is not blank (a required text, which blanks leave empty). */
export const NON_BLANK_TEXT_PATTERN = `^[^${CONTROL_CLASS}]*[^\\s\\uFEFF${CONTROL_CLASS}][^${CONTROL_CLASS}]*$`;

type OpenApiSchema = { type?: unknown; pattern?: unknown; format?: unknown; enum?: unknown; properties?: Record<string, OpenApiSchema>; items?: OpenApiSchema };

/**
 * Publishes the text rules in the OpenAPI document, so that what it calls valid is what the API accepts: every
 * free string (no format, enum or pattern of its own) of a body, a path or a query carries TEXT_PATTERN; a required
 * text (pattern `\S` from describeValidationInOpenApi) carries NON_BLANK_TEXT_PATTERN.
 */
export function describeTextRulesInOpenApi(doc: { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } }) {
  const visit = (s: OpenApiSchema | undefined, depth = 0, free = TEXT_PATTERN) => {
    if (!s || typeof s !== 'object' || depth > 20) return;
    if (s.type === 'string' && (s.format === undefined || s.format === 'password') && s.enum === undefined) {
      if (s.pattern === undefined) s.pattern = free;
      else if (s.pattern === '\\S') s.pattern = NON_BLANK_TEXT_PATTERN;
    }
    for (const p of Object.values(s.properties ?? {})) visit(p, depth + 1, free);
    visit(s.items, depth + 1, free);
  };
  for (const schema of Object.values(doc.components?.schemas ?? {})) visit(schema as OpenApiSchema);
  for (const item of Object.values(doc.paths ?? {})) {
    type Op = { parameters?: Array<{ schema?: OpenApiSchema }>; requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> } };
    for (const op of Object.values(item as Record<string, Op>)) {
      if (!op || typeof op !== 'object') continue;
      for (const p of op.parameters ?? []) visit(p.schema, 0, URL_TEXT_PATTERN);
      for (const c of Object.values(op.requestBody?.content ?? {})) visit(c.schema);
    }
  }
}
