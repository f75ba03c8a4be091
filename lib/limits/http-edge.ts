/** The HTTP edge: every route, before a handler runs (node:http server options and per-client connection caps). */
export interface HttpLimits {
  /**
   * Milliseconds a client has to send its request line and headers (slow-loris headers). Enforced by node:http,
   * which checks open connections every `connectionCheckIntervalMs`.
   */
  headersTimeoutMs: number;
  /**
   * Milliseconds a client has to send a whole request, body included. Receivers may bound slow bodies more tightly
   * per client; this is the server-wide ceiling. Must be at least `headersTimeoutMs`.
   */
  requestTimeoutMs: number;
  /** Milliseconds between the timeout checks of open connections (node:http `connectionsCheckingInterval`). */
  connectionCheckIntervalMs: number;
  /** Milliseconds an idle keep-alive connection stays open after its last answer. */
  keepAliveTimeoutMs: number;
  /** Requests one keep-alive connection may carry before the server closes it (0: unlimited). */
  maxRequestsPerSocket: number;
  /** Request headers accepted per request (node:http `maxHeadersCount`). */
  maxHeadersCount: number;
  /**
   * Open connections one client address may hold; beyond it a new connection gets 429 and is closed. On loopback
   * every local client (browser, demo, collectors) shares one address, so keep it well above a browser's six.
   */
  maxConnectionsPerClient: number;
  /** Open connections in total; beyond it new connections are closed at once (node:http `maxConnections`). */
  maxConnections: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  connectionCheckIntervalMs: 1_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1_000,
  maxHeadersCount: 100,
  maxConnectionsPerClient: 256,
  maxConnections: 4_096,
};
