import type http from 'node:http';
import type { Socket } from 'node:net';

const REFUSAL = (cap: number) => {
  const body = JSON.stringify({ error: { code: 'too_many_requests', message: `too many open connections from this client address (at most ${cap}); close some and retry` } });
  return `HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json; charset=utf-8\r\nretry-after: 5\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/**
 * Caps the connections one client address holds open, so one slow or greedy client (slow-loris headers, a flood of
 * idle keep-alives) uses up its own share and not the server's. A connection over the cap is answered 429 and closed
 * and closed; node:http may still parse a request the client sent at once, so the server asks `refused(socket)` and
 * drops such a request unhandled (the client was told 429: nothing it asked for may happen). `cap` 0 turns it off.
 */
export function capConnectionsPerClient(server: http.Server, cap: number): (socket: Socket) => boolean {
  const refused = new WeakSet<Socket>();
  if (cap <= 0) return () => false;
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
      refused.add(socket);
      socket.end(REFUSAL(cap));
      // A client that never reads its answer must not keep the socket.
      setTimeout(() => socket.destroy(), 1000).unref();
    }
  });
  return (socket) => refused.has(socket);
}
