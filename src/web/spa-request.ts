import path from 'node:path';

/**
 * Which file of the built web app (web/dist) answers a request that no API route answered. Pure: the caller
 * checks that the file exists.
 *
 * - `GET|HEAD /assets/…`, `/favicon.svg` and other files at the top of web/dist: that file (never outside it, never
 *   a dot-file);
 * - any other `GET|HEAD` that a browser makes for a page (it prefers HTML to JSON): `index.html`, and the app's
 *   router shows the page;
 * - everything else (API clients, other methods): nothing, so the API's own 404 answers.
 */
export type SpaAnswer = { kind: 'file'; file: string; immutable: boolean } | { kind: 'index' } | { kind: 'none' };

export function spaAnswer(root: string, method: string, urlPath: string, prefersHtml: boolean): SpaAnswer {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'none' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'none' };
  }
  const segments = decoded.split('/').filter(Boolean);
  const looksLikeFile = segments.length > 0 && /\.[a-z0-9]+$/i.test(segments[segments.length - 1]);
  if (looksLikeFile) {
    if (decoded.includes('\0') || segments.some((s) => s.startsWith('.') || s.includes('\\'))) return { kind: 'none' };
    const file = path.resolve(root, ...segments);
    if (!file.startsWith(path.resolve(root) + path.sep)) return { kind: 'none' };
    return { kind: 'file', file, immutable: segments[0] === 'assets' };
  }
  return prefersHtml ? { kind: 'index' } : { kind: 'none' };
}
