import type { ZodType } from 'zod';
import { isApiErrorBody } from '@/lib/api/errors';

/**
 * Every failed API call becomes an ApiError: the server's typed `{error: {code, message}}` when it sent one,
 * `network` when the server could not be reached, `bad_response` when the answer broke the wire contract.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 4xx other than 408/429: asking again will not help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Builds `path?k=v&...`, skipping undefined and empty values so URLs stay canonical (and cache keys stable). */
export function withQuery(path: string, params: Record<string, string | number | boolean | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** GETs JSON and validates it with the endpoint's zod schema, so components only ever see typed data. */
export async function apiGet<T>(path: string, schema: ZodType<T>, options: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, signal: options.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach the Meshlens server. Is it running?');
  }
  const body = await readJson(res);
  if (!res.ok) {
    if (isApiErrorBody(body)) throw new ApiError(res.status, body.error.code, body.error.message);
    throw new ApiError(res.status, 'http_error', `${res.status} ${res.statusText || 'error'} from ${stripQuery(path)}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown';
    throw new ApiError(res.status, 'bad_response', `Unexpected answer from ${stripQuery(path)} (${where})`);
  }
  return parsed.data;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!res.ok) return undefined;
    throw new ApiError(res.status, 'bad_response', 'The server answered with something that is not JSON');
  }
}

function stripQuery(path: string): string {
  const i = path.indexOf('?');
  return i < 0 ? path : path.slice(0, i);
}
