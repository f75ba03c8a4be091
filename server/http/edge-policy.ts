/**
 * Who may reach this server, by name: the `Host` it was asked for (DNS rebinding) and the `Origin` of a browser's
 * state-changing request (CSRF). Both headers are parsed strictly at any length; a malformed one is refused, never
 * taken as absent.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A parsed `Host` header (RFC 9110 `uri-host [":" port]`), hostname lower-cased without a trailing dot. */
export interface HostName {
  hostname: string;
  /** undefined when the header named no port. */
  port?: number;
}

/** A parsed serialized origin: scheme, hostname and effective port (default ports filled in). */
export interface ParsedOrigin {
  scheme: 'http' | 'https';
  hostname: string;
  port: number;
}

export interface EdgePolicyOptions {
  /** The address the server is bound to (`--host`). */
  bindHost: string;
  /** The port actually bound (known after listen). */
  port: () => number;
  /** `--public-url` origins. */
  publicUrls?: readonly string[];
  /** `--allowed-hosts` entries (`host`, `host:port` or `*`). */
  allowedHosts?: readonly string[];
}

export type Verdict = { ok: true } | { ok: false; message: string };

const HOST_RE = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/;
const ORIGIN_RE = /^(https?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/;
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** Parses a `Host` value; undefined when it is not one (userinfo, a path, a bad port, two colons...). */
export function parseHost(value: string): HostName | undefined {
  const m = HOST_RE.exec(value.toLowerCase());
  if (!m) return undefined;
  const hostname = normalizeHostname(m[1] as string);
  if (hostname === undefined) return undefined;
  if (m[2] === undefined) return { hostname };
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { hostname, port } : undefined;
}

/** Parses an `Origin` value (`scheme://host[:port]`, nothing else); undefined for `null`, paths or other schemes. */
export function parseOrigin(value: string): ParsedOrigin | undefined {
  const m = ORIGIN_RE.exec(value.toLowerCase());
  if (!m) return undefined;
  const scheme = m[1] as 'http' | 'https';
  const hostname = normalizeHostname(m[2] as string);
  if (hostname === undefined) return undefined;
  const port = m[3] === undefined ? (scheme === 'https' ? 443 : 80) : Number(m[3]);
  return port >= 1 && port <= 65535 ? { scheme, hostname, port } : undefined;
}

/** A bracketed IPv6 literal must be a real one; a name is at most 253 characters of DNS labels. */
function normalizeHostname(raw: string): string | undefined {
  if (raw.startsWith('[')) return isIPv6(raw.slice(1, -1)) ? raw : undefined;
  const h = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  if (h.length === 0 || h.length > 253 || h.split('.').some((l) => l.length === 0 || l.length > 63)) return undefined;
  return h;
}

/** Loopback names: `localhost`, 127.0.0.0/8 written as four decimals, `[::1]` and IPv4-mapped loopback. */
export function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)) return isIPv4(hostname);
  return /^\[::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}\]$/.test(hostname) && isIPv6(hostname.slice(1, -1));
}

const originKey = (o: ParsedOrigin) => `${o.scheme}://${o.hostname}:${o.port}`;
const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}… (${s.length} characters)` : s);

/** The server's own names and origins, from its bind address, `--public-url` and `--allowed-hosts`. */
export class EdgePolicy {
  private readonly anyHost: boolean;
  /** Hostnames answered on any port. */
  private readonly names = new Set<string>();
  /** `host:port` entries answered on that port only. */
  private readonly hostPorts = new Set<string>();
  private readonly publicOrigins = new Set<string>();
  private readonly bindName: string | undefined;

  constructor(private readonly o: EdgePolicyOptions) {
    this.anyHost = (o.allowedHosts ?? []).includes('*');
    const bind = o.bindHost.toLowerCase();
    if (!WILDCARD_BINDS.has(bind)) {
      this.bindName = parseHost(isIPv6(bind) ? `[${bind}]` : bind)?.hostname;
      if (this.bindName) this.names.add(this.bindName);
    }
    for (const u of o.publicUrls ?? []) {
      const p = parseOrigin(new URL(u).origin);
      if (!p) continue;
      this.publicOrigins.add(originKey(p));
      this.names.add(p.hostname);
    }
    for (const h of o.allowedHosts ?? []) {
      if (h === '*') continue;
      const p = parseHost(h);
      if (!p) continue;
      if (p.port === undefined) this.names.add(p.hostname);
      else this.hostPorts.add(`${p.hostname}:${p.port}`);
    }
  }

  /**
   * Whether to answer a request sent with this `Host`. Loopback names are answered on any port (a port-forward
   * changes the port; no web page can make a browser send a loopback Host to a name it resolved), the bind address
   * and `--public-url` hosts on any port, `--allowed-hosts` entries as written.
   */
  checkHost(value: string | undefined): Verdict {
    if (this.anyHost) return { ok: true };
    if (value === undefined || value === '') return { ok: false, message: 'the request has no Host header; Meshlens answers only the names it is configured for' };
    const h = parseHost(value);
    if (!h) return { ok: false, message: `malformed Host header ${JSON.stringify(clip(value))}` };
    if (isLoopbackName(h.hostname) || this.names.has(h.hostname)) return { ok: true };
    if (h.port !== undefined && this.hostPorts.has(`${h.hostname}:${h.port}`)) return { ok: true };
    return {
      ok: false,
      message: `Meshlens is not configured to answer for host ${JSON.stringify(clip(value))}; add its origin with --public-url or the host with --allowed-hosts`,
    };
  }

  /**
   * Whether a browser's state-changing request from `origin` may go on: the origin must be one of `--public-url`,
   * a loopback name (or the bind address) over http on the bound port, or, when the request's Host is a loopback
   * name, exactly `http://<that host>` (the same origin, reached through a port-forward).
   */
  checkOrigin(value: string, hostHeader: string | undefined): Verdict {
    const o = parseOrigin(value);
    if (!o) return { ok: false, message: value === 'null' ? 'a write from an opaque origin ("null") is refused' : `malformed Origin header ${JSON.stringify(clip(value))}` };
    if (this.publicOrigins.has(originKey(o))) return { ok: true };
    if (o.scheme === 'http') {
      const own = isLoopbackName(o.hostname) || (this.bindName !== undefined && o.hostname === this.bindName);
      if (own && o.port === this.o.port()) return { ok: true };
      const host = hostHeader === undefined ? undefined : parseHost(hostHeader);
      if (host && isLoopbackName(host.hostname) && host.hostname === o.hostname && (host.port ?? 80) === o.port) return { ok: true };
    }
    return { ok: false, message: `cross-origin write from ${clip(value)} refused; the server's own origins are loopback on port ${this.o.port()} and --public-url` };
  }
}
