import http from 'node:http';
import type net from 'node:net';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SynczEntry } from '../../lib/envoy/syncz';

/**
 * A stand-in for istiod's monitoring port: the control-plane metrics Kiali and Grafana's Istio dashboards read.
 * Each config change "pushes" every xDS type to every proxy; convergence time is measured from the change
 * being seen to the demo's routing tables being rebuilt; a proxy that rejects config bumps the reject counter.
 */
export class Istiod {
  readonly registry = new Registry();
  private readonly pushes = new Counter({ name: 'pilot_xds_pushes', help: 'Pilot build and send errors for lds, rds, cds and eds.', labelNames: ['type'], registers: [this.registry] });
  private readonly convergence = new Histogram({ name: 'pilot_proxy_convergence_time', help: 'Delay in seconds between config change and a proxy receiving all required configuration.', buckets: [0.1, 0.5, 1, 3, 5, 10, 20, 30], registers: [this.registry] });
  private readonly rejects = new Counter({ name: 'pilot_total_xds_rejects', help: 'Total number of XDS responses from pilot rejected by proxy.', labelNames: ['type'], registers: [this.registry] });
  private readonly connected = new Gauge({ name: 'pilot_xds', help: 'Number of endpoints connected to this pilot using XDS.', labelNames: ['version'], registers: [this.registry] });
  private readonly configs = new Gauge({ name: 'pilot_virt_services', help: 'Total virtual services known to pilot.', registers: [this.registry] });
  private server?: http.Server;
  port = 0;
  /** istiod's `/debug/syncz` (what `istioctl proxy-status` reads): per proxy, what was sent and acknowledged. */
  syncz?: () => SynczEntry[];

  constructor(private readonly proxies: number) {
    this.connected.set({ version: '1.27.0' }, proxies);
    this.rejects.inc({ type: 'rds' }, 0);
    for (const type of ['cds', 'eds', 'lds', 'rds']) this.pushes.inc({ type }, proxies); // the initial full push
  }

  /** Records one config push to all proxies and how long it took to converge. */
  push(convergenceSeconds: number, virtualServices: number, rejectedObjects: number): void {
    for (const type of ['cds', 'eds', 'lds', 'rds']) this.pushes.inc({ type }, this.proxies);
    for (let i = 0; i < this.proxies; i++) this.convergence.observe(convergenceSeconds);
    if (rejectedObjects > 0) this.rejects.inc({ type: 'rds' }, rejectedObjects * this.proxies);
    this.configs.set(virtualServices);
  }

  listen(host = '127.0.0.1'): Promise<number> {
    this.server = http.createServer((req, res) => {
      if (req.url === '/debug/syncz' && this.syncz) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.syncz()));
        return;
      }
      if (req.url?.startsWith('/metrics')) {
        void this.registry.metrics().then((text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text));
        return;
      }
      res.writeHead(req.url === '/ready' ? 200 : 404).end();
    });
    return new Promise((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(0, host, () => {
        this.port = (this.server?.address() as net.AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
