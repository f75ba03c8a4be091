/** The HTTP edge: every route, before a handler runs. */
export interface HttpLimits {
  /** Milliseconds a client has to send its request headers. */
  headersTimeoutMs: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
};
