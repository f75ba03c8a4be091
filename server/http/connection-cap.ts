import type http from 'node:http';
import type { Socket } from 'node:net';

const REFUSAL = (cap: number) => {
  const body = JSON.stringify({ error: { code: 'too_many_requests', message: `too many open connections from this client address (at most ${cap}); close some and retry` } });
  return `HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json; charset=utf-8\r\nretry-after: 5\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/**
 * Caps the connections one client address holds open, so one slow or greedy client (slow-loris headers, a flood of
 * idle keep-alives) uses up its own share and not the server's. A connection over the cap is answered 429 and closed
 * before any request is parsed. `cap` 0 turns it off.
 */
export function capConnectionsPerClient(server: http.Server, cap: number): void {
  if (cap <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const addr = socket.remoteAddress ?? 'unknown';
    const n = (open.get(addr) ?? 0) + 1;
    open.set(addr, n);
    socket.once('close', () => {
      const left = (open.get(addr) ?? 1) - 1;
      if (left <= 0) open.delete(addr);
      else open.set(addr, left);
    });
    if (n > cap) {
      socket.end(REFUSAL(cap));
      // A client that never reads its answer must not keep the socket.
      setTimeout(() => socket.destroy(), 1000).unref();
    }
  });
}
