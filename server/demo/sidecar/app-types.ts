import type { HeaderMap } from '../tracing/types';

export interface AppRequest {
  method: string;
  path: string;
  headers: HeaderMap;
  body: Buffer;
}

export interface AppResponse {
  status: number;
  headers?: HeaderMap;
  body: string | Buffer;
}

export interface UpstreamResponse {
  status: number;
  headers: HeaderMap;
  body: Buffer;
  /** Envoy response flags the proxy set (`-` when none). */
  flags: string;
}

/** What an app can do: call other services through its sidecar, like an app calling `http://reviews:9080/...`. */
export interface AppContext {
  call(authority: string, path: string, init?: { method?: string; headers?: HeaderMap; body?: Buffer | string }): Promise<UpstreamResponse>;
  /** One request/response exchange over a TCP connection to `authority` (e.g. `mongodb:27017`). */
  tcp(authority: string, payload: Buffer): Promise<Buffer>;
}

export type HttpApp = (req: AppRequest, ctx: AppContext) => Promise<AppResponse>;
/** A line-oriented TCP server app: one request line in, one response line out. */
export type TcpApp = (line: Buffer) => Promise<Buffer> | Buffer;
