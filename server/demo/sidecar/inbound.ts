import http from 'node:http';
import net from 'node:net';
import type { Logger } from 'pino';
import { peerAuthMode, type RoutingTable } from '../../../lib/istio/routing';
import type { DemoTracer, HeaderMap, TracedWorkload } from '../tracing/types';
import type { Endpoint, MeshRegistry } from '../registry';
import type { AppContext, HttpApp, TcpApp } from './app-types';
import { flatten } from './http-client';
import { decodePeer, httpLabels, peerLabels, PEER_METADATA_HEADER, PEER_METADATA_ID_HEADER, encodePeer, tcpLabels, TLS_PEER_HEADER, type ServiceRef, type WorkloadIdentity } from './identity';
import type { IstioStats } from './stats';
import { accessLogLine, requestIdOf, traceIdOf, type ProxyLogs } from './access-log';
import { serveAdmin, type AdminOptions } from './admin';

export interface InboundOptions {
  endpoint: Omit<Endpoint, 'port'>;
  traced: TracedWorkload;
  registry: MeshRegistry;
  routing: () => RoutingTable;
  stats: IstioStats;
  tracer: DemoTracer;
  log: Logger;
  /** Gateways report only as the source of the calls they forward (Istio does not count their inbound). */
  reportInbound: boolean;
  app: HttpApp | { tcp: TcpApp };
  context: AppContext;
  /** The pod's logs: the proxy's access log and the app's own lines. */
  logs?: ProxyLogs;
  /** Envoy's admin API (`/config_dump`, `/clusters`) for this proxy; the inbound port is filled in once listening. */
  admin?: Omit<AdminOptions, 'inbound'> & { protocol: 'http' | 'tcp' };
}

const MAX_BODY = 1024 * 1024;
const HTTP_START = /^(GET|POST|PUT|HEAD|DELETE|PATCH|OPTIONS) /;

/**
 * The inbound half of a sidecar, listening on the pod's own loopback port: serves `/stats/prometheus`
 * like Envoy's admin/prometheus listener, enforces PeerAuthentication, records `reporter="destination"`
 * telemetry and a server span, and hands the request to the app. A TCP workload's port sniffs the protocol
 * (HTTP for stats, the ISTIO-PEER preamble or raw bytes for the app), as Envoy's protocol detection does.
 */
export class Inbound {
  private readonly httpServer: http.Server;
  private readonly server: net.Server | http.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly o: InboundOptions) {
    this.httpServer = http.createServer((req, res) => void this.onHttp(req, res));
    this.httpServer.keepAliveTimeout = 30_000;
    if ('tcp' in o.app) {
      const tcpApp = o.app.tcp;
      this.server = net.createServer((sock) => {
        this.sockets.add(sock);
        sock.on('close', () => this.sockets.delete(sock));
        this.onTcp(sock, tcpApp);
      });
    } else {
      this.server = this.httpServer;
    }
  }

  listen(host = '127.0.0.1', port = 0): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if ('closeAllConnections' in this.server) this.server.closeAllConnections();
      this.httpServer.closeAllConnections();
      for (const s of this.sockets) s.destroy();
      this.server.close(() => resolve());
    });
  }

  private get identity(): WorkloadIdentity {
    return this.o.endpoint.identity;
  }

  /** The service the caller addressed, from the Host header, else the first service selecting this pod. */
  private serviceFor(host: string | undefined): ServiceRef | undefined {
    const services = this.o.registry.servicesOf({ ...this.o.endpoint, port: this.port });
    const name = (host ?? '').split(/[.:]/)[0];
    const s = services.find((x) => x.name === name) ?? services[0];
    return s ? { host: `${s.name}.${s.namespace}.svc.cluster.local`, name: s.name, namespace: s.namespace } : undefined;
  }

  private async onHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    if (req.method === 'GET' && path.startsWith('/stats/prometheus') && this.o.endpoint.sidecar) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(this.o.stats.render());
      return;
    }
    if (this.o.admin && this.o.endpoint.sidecar && serveAdmin({ ...this.o.admin, inbound: { port: this.port, protocol: this.o.admin.protocol } }, req, res)) return;
    if (path === '/healthz/ready') {
      res.writeHead(200).end();
      return;
    }
    const started = performance.now();
    const headers = flatten(req.headers);
    const body = await readBody(req).catch(() => undefined);
    if (body === undefined) {
      res.writeHead(413).end('request body too large');
      return;
    }
    if (!this.o.endpoint.sidecar) {
      // No proxy: the app answers directly and nothing is recorded.
      const r = await this.runApp(path, req.method ?? 'GET', headers, body);
      this.appLog(req.method ?? 'GET', path, r, performance.now() - started, headers['x-request-id']);
      res.writeHead(r.status, r.headers).end(r.body);
      return;
    }
    const peer = decodePeer(headers[PEER_METADATA_HEADER]);
    const mtls = headers[TLS_PEER_HEADER] !== undefined;
    const mode = peerAuthMode(this.o.routing(), this.identity.namespace, this.o.endpoint.labels);
    if (mode === 'STRICT' && !mtls) {
      // A STRICT server refuses plain text at the TLS handshake: the client sees a reset.
      req.socket.destroy();
      return;
    }
    for (const h of [PEER_METADATA_HEADER, PEER_METADATA_ID_HEADER, TLS_PEER_HEADER]) delete headers[h];
    const span = this.o.tracer.startServer(this.o.traced, headers, { method: req.method ?? 'GET', host: headers.host ?? '', path, protocol: 'http' });
    const requestId = requestIdOf({ ...headers, ...span.headers });
    const appStarted = performance.now();
    const r = await this.runApp(path, req.method ?? 'GET', { ...headers, ...span.headers, 'x-request-id': requestId }, body);
    const bytes = typeof r.body === 'string' ? Buffer.byteLength(r.body) : r.body.length;
    const durationMs = performance.now() - started;
    this.appLog(req.method ?? 'GET', path, r, performance.now() - appStarted, requestId);
    if (this.o.reportInbound) {
      const cluster = `inbound|${this.port}||`;
      this.o.logs?.proxy(accessLogLine({
        started: Date.now() - durationMs, method: req.method ?? 'GET', path, headers, status: r.status, flags: '-', details: 'via_upstream', requestBytes: body.length, responseBytes: bytes,
        durationMs, upstreamServiceTimeMs: performance.now() - appStarted, upstreamHost: `127.0.0.6:${this.port}`, upstreamCluster: cluster,
        downstreamLocal: `${req.socket.localAddress ?? '-'}:${req.socket.localPort ?? 0}`, downstreamRemote: `${req.socket.remoteAddress ?? '-'}:${req.socket.remotePort ?? 0}`,
        routeName: 'default', requestId, ...(traceIdOf(span.headers) ? { traceId: traceIdOf(span.headers) as string } : {}),
      }));
    }
    if (this.o.reportInbound) {
      const labels = httpLabels(peerLabels('destination', peer, this.identity, this.serviceFor(headers.host), 'http', mtls), r.status, '-', 'destination', mtls);
      this.o.stats.recordHttp({ labels, durationMs: performance.now() - started, requestBytes: body.length, responseBytes: bytes });
    }
    span.end({ statusCode: r.status, responseFlags: '-', upstreamCluster: `inbound|${this.port}||`, requestSize: body.length, responseSize: bytes, ...(peer ? { peerWorkload: peer.name } : {}), peerAddress: `${req.socket.remoteAddress}:${req.socket.remotePort}` });
    const out: HeaderMap = { ...r.headers };
    if (peer) {
      out[PEER_METADATA_HEADER] = encodePeer(this.identity);
      out[PEER_METADATA_ID_HEADER] = `sidecar~${this.identity.name}.${this.identity.namespace}`;
    }
    res.writeHead(r.status, out).end(r.body);
  }

  /** The app's own log line for a request it handled (what Bookinfo's apps print), errors with their message. */
  private appLog(method: string, path: string, r: { status: number; body: string | Buffer }, ms: number, requestId: string | undefined): void {
    if (!this.o.logs) return;
    let detail = '';
    if (r.status >= 500) {
      const text = r.body.toString().slice(0, 300);
      const m = /"error"\s*:\s*"([^"]{1,200})"/.exec(text);
      detail = ` error="${m ? m[1] : text.slice(0, 120).replace(/"/g, "'")}"`;
    }
    this.o.logs.app(`${r.status >= 500 ? 'ERROR' : 'INFO'} "${method} ${path} HTTP/1.1" ${r.status} ${Math.round(ms)}ms${requestId ? ` request_id=${requestId}` : ''}${detail}`);
  }

  private async runApp(path: string, method: string, headers: HeaderMap, body: Buffer): Promise<{ status: number; headers: HeaderMap; body: string | Buffer }> {
    const app = this.o.app;
    if ('tcp' in app) return { status: 404, headers: {}, body: 'not an HTTP service' };
    try {
      const r = await app({ method, path, headers, body }, this.o.context);
      return { status: r.status, headers: r.headers ?? {}, body: r.body };
    } catch (err) {
      this.o.log.warn({ err, workload: this.identity.name }, 'demo app failed');
      return { status: 500, headers: {}, body: 'internal error' };
    }
  }

  private onTcp(sock: net.Socket, app: TcpApp): void {
    sock.setTimeout(30_000, () => sock.destroy());
    sock.on('error', () => undefined);
    sock.once('data', (first: Buffer) => {
      if (HTTP_START.test(first.subarray(0, 8).toString('latin1'))) {
        sock.pause();
        sock.unshift(first);
        this.httpServer.emit('connection', sock);
        sock.resume();
        return;
      }
      void this.serveTcp(sock, first, app);
    });
  }

  private async serveTcp(sock: net.Socket, first: Buffer, app: TcpApp): Promise<void> {
    let buf = first;
    const readLine = async (): Promise<Buffer | undefined> => {
      for (;;) {
        const nl = buf.indexOf(10);
        if (nl !== -1) {
          const line = buf.subarray(0, nl);
          buf = buf.subarray(nl + 1);
          return line;
        }
        if (buf.length > MAX_BODY) return undefined;
        const more = await new Promise<Buffer | undefined>((resolve) => {
          sock.once('data', resolve);
          sock.once('end', () => resolve(undefined));
        });
        if (!more) return undefined;
        buf = Buffer.concat([buf, more]);
      }
    };
    let peer: WorkloadIdentity | undefined;
    let mtls = false;
    let line = await readLine();
    let received = 0;
    if (line && line.subarray(0, 11).toString() === 'ISTIO-PEER ') {
      // The metadata-exchange preamble is the proxies' own; it is not counted as application bytes.
      const [, meta, principal] = line.toString().split(' ');
      peer = decodePeer(meta);
      mtls = principal !== undefined && principal !== '-';
      line = await readLine();
    }
    const mode = peerAuthMode(this.o.routing(), this.identity.namespace, this.o.endpoint.labels);
    if (mode === 'STRICT' && !mtls) {
      sock.destroy();
      return;
    }
    const labels = tcpLabels(peerLabels('destination', peer, this.identity, this.serviceFor(undefined), 'tcp', mtls), '-', 'destination', mtls);
    this.o.stats.tcpOpen(labels);
    let sent = 0;
    try {
      while (line) {
        received += line.length + 1;
        const reply = await app(line);
        const out = Buffer.concat([reply, Buffer.from('\n')]);
        sent += out.length;
        sock.write(out);
        line = await readLine();
      }
    } catch (err) {
      this.o.log.warn({ err }, 'demo tcp app failed');
    } finally {
      this.o.stats.tcpBytes(labels, sent, received);
      this.o.stats.tcpClose(labels);
      sock.end();
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
