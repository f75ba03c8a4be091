import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** What a handler sees. `raw` is there for streaming receivers; most handlers use `body()`. */
export interface ApiRequest {
  method: Method;
  url: URL;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** Reads the whole body, refusing more than `limitBytes` (413) — default 1 MiB. */
  body(limitBytes?: number): Promise<Buffer>;
  /** Parses a JSON body (400 with a message when malformed). */
  json(limitBytes?: number): Promise<unknown>;
  raw: IncomingMessage;
  res: ServerResponse;
  requestId: string;
}

/** A JSON answer; `raw: true` means the handler already wrote the response itself. */
export type ApiResponse =
  | { status?: number; body?: unknown; headers?: Record<string, string>; text?: string | Uint8Array; contentType?: string }
  | { raw: true };

export interface Route {
  method: Method;
  /** Path pattern with `:name` segments, e.g. `/api/namespaces/:ns/graph`; a final `*rest` takes the remainder. */
  path: string;
  handler: (req: ApiRequest) => Promise<ApiResponse> | ApiResponse;
  /**
   * State-changing routes called from a browser need `X-Meshlens-Csrf: 1` and a same-origin Origin.
   * Defaults to true for non-GET methods; receivers for machine clients set false.
   */
  csrf?: boolean;
}

interface Compiled {
  route: Route;
  segments: string[];
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** A small path router: exact segments, `:param` and a trailing `*rest`. */
export class Router {
  private readonly compiled: Compiled[] = [];

  add(...routes: Route[]): void {
    for (const route of routes) this.compiled.push({ route, segments: route.path.split('/').filter(Boolean) });
  }

  /** The matching route, or a 405 when the path exists under another method, or undefined. */
  match(method: string, pathname: string): Match | undefined {
    const parts = pathname.split('/').filter(Boolean);
    let pathMatched = false;
    for (const c of this.compiled) {
      const params = matchSegments(c.segments, parts);
      if (!params) continue;
      if (c.route.method === method || (method === 'HEAD' && c.route.method === 'GET')) return { route: c.route, params };
      pathMatched = true;
    }
    if (pathMatched) throw new HttpError('method_not_allowed', `${method} is not allowed on ${pathname}`);
    return undefined;
  }

  /** Whether any route could own this path (so unknown /api paths get a JSON 404, not a page). */
  get routes(): Route[] {
    return this.compiled.map((c) => c.route);
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    if (p.startsWith('*')) {
      params[p.slice(1)] = parts.slice(i).map(safeDecode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (p.startsWith(':')) params[p.slice(1)] = safeDecode(part);
    else if (p !== part) return undefined;
  }
  return parts.length === pattern.length ? params : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError('bad_request', `malformed percent-encoding in path segment ${JSON.stringify(s)}`);
  }
}
