import http from 'node:http';
import type { Logger } from 'pino';

export interface LoadOptions {
  /** Gateway address. */
  gateway: { host: string; port: number };
  /** productpage's pod address, for the caller without a sidecar. */
  direct: { host: string; port: number };
  rps: number;
  log: Logger;
}

const MAX_IN_FLIGHT = 64;

/**
 * Sends Bookinfo traffic: `rps` page loads per second through the ingress gateway (one in ten as the logged-in
 * user jason), and one request in ten from the legacy client straight to productpage, bypassing the mesh's
 * client side (it shows up as an unknown source).
 */
export class LoadGenerator {
  private timer?: NodeJS.Timeout;
  private inFlight = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  private tick = 0;
  sent = 0;
  dropped = 0;

  constructor(private readonly o: LoadOptions) {}

  start(): void {
    if (this.o.rps <= 0) return;
    const period = 1000 / this.o.rps;
    this.timer = setInterval(() => this.fire(), period);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.agent.destroy();
  }

  private fire(): void {
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.dropped++;
      return;
    }
    this.tick++;
    const legacy = this.tick % 10 === 5;
    const target = legacy ? this.o.direct : this.o.gateway;
    const headers: Record<string, string> = { host: legacy ? 'productpage:9080' : 'bookinfo.example.com', 'user-agent': legacy ? 'legacy-client/1.0' : 'meshlens-demo-load/1.0' };
    if (!legacy && this.tick % 10 === 0) headers.cookie = 'session=jason';
    this.inFlight++;
    this.sent++;
    const req = http.request({ agent: this.agent, host: target.host, port: target.port, path: '/productpage', headers }, (res) => {
      res.resume();
      res.on('end', () => this.inFlight--);
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => {
      this.inFlight--;
    });
    req.end();
  }
}
