/**
 * The one way the app talks to the API: JSON over fetch with the bearer token, errors turned into ApiError with
 * the API's Swedish message and its per-field messages (`fields`, from 400 answers).
 */

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'medverkan.token';
/** Fired when the API says the session is no longer valid; the app then shows the login page. */
export const LOGGED_OUT_EVENT = 'medverkan:utloggad';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

const NETWORK_MESSAGE = 'Tjänsten gick inte att nå. Kontrollera internetanslutningen och försök igen. Det du har skrivit finns kvar.';

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers = new Headers({ accept: 'application/json' });
  const token = getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers.set('content-type', 'application/json');
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, NETWORK_MESSAGE);
  }
  if (res.ok) return res;
  const error = await toError(res);
  if (res.status === 401 && token) {
    setToken(null);
    window.dispatchEvent(new CustomEvent(LOGGED_OUT_EVENT, { detail: error.message }));
  }
  throw error;
}

async function toError(res: Response): Promise<ApiError> {
  let data: { message?: unknown; fields?: unknown } | undefined;
  try {
    data = (await res.json()) as typeof data;
  } catch {
    data = undefined;
  }
  const message = typeof data?.message === 'string' && data.message ? data.message : fallbackMessage(res.status);
  const fields = data?.fields && typeof data.fields === 'object' ? (data.fields as FieldErrors) : {};
  return new ApiError(res.status, message, fields);
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Du behöver logga in.';
  if (status === 403) return 'Du har inte behörighet att göra detta.';
  if (status === 404) return 'Det du söker finns inte.';
  if (status === 409) return 'Det gick inte eftersom ärendet har ändrats. Ladda om sidan och försök igen.';
  if (status === 429) return 'För många försök. Vänta en stund och försök igen.';
  return 'Något gick fel hos oss. Försök igen om en stund. Det du har skrivit finns kvar.';
}

async function json<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => send('GET', path).then((r) => json<T>(r)),
  post: <T>(path: string, body?: unknown) => send('POST', path, body ?? {}).then((r) => json<T>(r)),
  put: <T>(path: string, body?: unknown) => send('PUT', path, body ?? {}).then((r) => json<T>(r)),
  patch: <T>(path: string, body?: unknown) => send('PATCH', path, body ?? {}).then((r) => json<T>(r)),
  delete: <T>(path: string) => send('DELETE', path).then((r) => json<T>(r)),
  /** A binary answer (a PDF) as a Blob, fetched with the token; shown through an object URL. */
  blob: (path: string) => send('GET', path).then((r) => r.blob()),
  /** A file and the name the API gives it (Content-Disposition, `filename*` first), or null when it names none. */
  file: (path: string) => send('GET', path).then(async (r) => ({ blob: await r.blob(), fileName: fileNameOf(r.headers.get('content-disposition')) })),
};

/** The file name of a Content-Disposition header: RFC 5987 `filename*=UTF-8''…` when present, else `filename="…"`. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed encoding: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? plain[1].trim() : null;
}

/** A new id for a client-made object, so that sending a form twice creates it once. */
export function newId(): string {
  // crypto.randomUUID needs a secure context; getRandomValues works everywhere.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A list endpoint's answer, paged (`{ items }`) or a plain array, as its items. */
export function itemsOf<T>(answer: T[] | { items: T[] }): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}
