import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout (pino); `base` carries the process-wide fields. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { app: 'meshlens', ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Never log credentials, whatever a caller passes in.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.password'], censor: '[redacted]' },
  });
}
