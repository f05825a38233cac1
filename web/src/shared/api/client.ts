// The one HTTP client of the Luodi web apps. It owns:
//  - the bearer token (read from a TokenStore on every call),
//  - Accept-Language (from the current UI language, so server messages match),
//  - turning every failure into a typed ApiError (never a raw Response),
//  - error display (onError hook, once, unless the caller renders it itself),
//  - the 401 path: a request that carried a token and got 401 clears the
//    token and calls onUnauthorized (the apps send the user to login).
// API modules (auth.ts, branches.ts, ...) call it with a typed result;
// views never call fetch themselves.

import type { ErrorDetail } from './types';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Query parameters; undefined, null and '' are left out. */
  query?: Query;
  /** A JSON body (sent with Content-Type application/json). */
  json?: unknown;
  /** A raw body (e.g. a CSV file); give its contentType. Ignored if json is set.
   *  FormData (multipart uploads) sets its own Content-Type with the boundary. */
  body?: Blob | ArrayBuffer | string | FormData;
  contentType?: string;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  /** Send the bearer token (default true). Login sends none. */
  auth?: boolean;
  /** Let the client display a failure through onError (default true). Set
   *  false when the caller shows the error itself (forms, import details). */
  showError?: boolean;
  signal?: AbortSignal;
  /** Sees the status and headers of a successful answer (e.g. 200 vs 201, the Date header). */
  onResponse?: (meta: ResponseMeta) => void;
}

/** What onResponse is told about a successful answer. */
export interface ResponseMeta {
  status: number;
  headers: Headers;
  /** Date.now() when the answer arrived. */
  receivedAt: number;
}

/** Client-side codes for failures that carry no server error envelope. */
export const NETWORK_ERROR = 'network_error';
export const BAD_RESPONSE = 'bad_response';

/** Any failed API call. `status` is 0 when the server was not reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** True once the client has shown this error to the user (onError or the
   *  401 path); app-level error handlers then stay quiet. */
  displayed = false;

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Where the session token lives (localStorage in the apps, memory in tests). */
export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

export interface ApiClientOptions {
  /** Prefix of every path (default '/api/v1'). */
  baseUrl?: string;
  tokens: TokenStore;
  /** The UI language, sent as Accept-Language on each call. */
  language: () => string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Shows an error to the user (toast); called at most once per error. */
  onError?: (error: ApiError) => void;
  /** Called after a 401 on an authenticated request, token already cleared. */
  onUnauthorized?: (error: ApiError) => void;
}

export interface ApiClient {
  /** A call answering JSON (200/201), typed by the API module. */
  json<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A call answering 204 No Content. */
  empty(path: string, options?: RequestOptions): Promise<void>;
  /** A call answering a file (e.g. an .xlsx export). */
  blob(path: string, options?: RequestOptions): Promise<Blob>;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Parses an error response into an ApiError; tolerant of bodies that are
 *  not the contract's envelope (proxies, crashes). */
export async function parseErrorResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    parsed = null; // not JSON: fall through to BAD_RESPONSE below
  }
  const envelope = (parsed as { error?: unknown } | null)?.error;
  if (envelope && typeof envelope === 'object') {
    const { code, message, details } = envelope as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof code === 'string') {
      return new ApiError(
        response.status,
        code,
        typeof message === 'string' ? message : '',
        Array.isArray(details) ? details.filter(isErrorDetail) : [],
      );
    }
  }
  return new ApiError(response.status, BAD_RESPONSE, `HTTP ${response.status}`);
}

function isErrorDetail(d: unknown): d is ErrorDetail {
  return typeof d === 'object' && d !== null && typeof (d as ErrorDetail).message === 'string';
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(path: string, opts: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = {
      ...opts.headers,
      Accept: accept,
      'Accept-Language': options.language(),
    };
    const token = opts.auth === false ? null : options.tokens.get();
    if (token) headers.Authorization = `Bearer ${token}`;

    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.body !== undefined) {
      if (opts.contentType && !(opts.body instanceof FormData)) headers['Content-Type'] = opts.contentType;
      body = opts.body;
    }

    let response: Response;
    try {
      response = await doFetch(baseUrl + path + buildQuery(opts.query), {
        method: opts.method ?? 'GET',
        headers,
        body,
        signal: opts.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw fail(new ApiError(0, NETWORK_ERROR, e instanceof Error ? e.message : String(e)), opts);
    }
    if (response.ok) {
      opts.onResponse?.({ status: response.status, headers: response.headers, receivedAt: Date.now() });
      return response;
    }

    const error = await parseErrorResponse(response);
    if (response.status === 401 && token) {
      // The session is gone (expired, revoked, logged out elsewhere).
      options.tokens.clear();
      if (options.onUnauthorized) {
        error.displayed = true;
        options.onUnauthorized(error);
      }
      throw error;
    }
    throw fail(error, opts);
  }

  function fail(error: ApiError, opts: RequestOptions): ApiError {
    if (opts.showError !== false && options.onError) {
      error.displayed = true;
      options.onError(error);
    }
    return error;
  }

  return {
    async json<T>(path: string, opts: RequestOptions = {}): Promise<T> {
      const response = await send(path, opts, 'application/json');
      try {
        return (await response.json()) as T;
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
        throw fail(new ApiError(response.status, BAD_RESPONSE, 'invalid JSON in response'), opts);
      }
    },
    async empty(path: string, opts: RequestOptions = {}): Promise<void> {
      await send(path, opts, 'application/json');
    },
    async blob(path: string, opts: RequestOptions = {}): Promise<Blob> {
      const response = await send(path, opts, '*/*');
      return response.blob();
    },
  };
}

/** TokenStore over Web Storage (localStorage in the apps). */
export function createStorageTokenStore(storage: Storage, key = 'luodi.token'): TokenStore {
  return {
    get: () => storage.getItem(key),
    set: (token) => storage.setItem(key, token),
    clear: () => storage.removeItem(key),
  };
}

/** TokenStore in memory (tests). */
export function createMemoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial;
  return {
    get: () => token,
    set: (t) => {
      token = t;
    },
    clear: () => {
      token = null;
    },
  };
}
