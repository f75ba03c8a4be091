import { STATUS_OF, type ApiErrorBody, type ApiErrorCode } from '../../lib/api/errors';

/** An error that becomes an HTTP response with a typed code and a human message. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS_OF[code];
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError('bad_request', message, details);
export const notFound = (message: string) => new HttpError('not_found', message);

/** Maps anything thrown by a handler to a status and body; unknown errors hide their internals. */
export function toErrorResponse(err: unknown): { status: number; body: ApiErrorBody; headers?: Record<string, string> } {
  if (err instanceof HttpError) {
    const body: ApiErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return err.headers ? { status: err.status, body, headers: err.headers } : { status: err.status, body };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error; see the server log' } } };
}
