import { parseYamlValue } from '../bounded-yaml';
import { YAML_LIMITS } from '../../limits/yaml';

/** Value checks the sidecar injector applies to pod annotations; each returns a problem or undefined. */

const uint32 = (v: string) => (/^\d+$/.test(v) && Number(v) <= 4294967295 ? undefined : `${JSON.stringify(v)} is not a valid unsigned integer`);
const port = (p: string) => /^\d+$/.test(p) && Number(p) <= 65535;
const portList = (v: string) => {
  if (v.trim() === '') return undefined;
  const bad = v.split(',').map((p) => p.trim()).find((p) => !port(p));
  return bad === undefined ? undefined : `${JSON.stringify(bad)} is not a valid port`;
};
const portListOrStar = (v: string) => (v.trim() === '*' ? undefined : portList(v));
const CIDR4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const CIDR6 = /^[0-9a-fA-F:]+\/(\d{1,3})$/;
const cidr = (c: string) => {
  const m = CIDR4.exec(c);
  if (m) return m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
  const m6 = CIDR6.exec(c);
  return !!m6 && c.includes(':') && Number(m6[1]) <= 128;
};
const cidrList = (v: string) => {
  if (v.trim() === '' || v.trim() === '*') return undefined;
  const bad = v.split(',').map((c) => c.trim()).find((c) => !cidr(c));
  return bad === undefined ? undefined : `${JSON.stringify(bad)} is not a valid CIDR`;
};
const proxyConfig = (v: string) => {
  const r = parseYamlValue(v, YAML_LIMITS);
  if ('error' in r) return `not valid YAML: ${r.error}`;
  return r.value === null || typeof r.value === 'object' ? undefined : 'not a ProxyConfig mapping';
};

export const ANNOTATION_VALIDATORS: Record<string, (value: string) => string | undefined> = {
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32,
  'readiness.status.sidecar.istio.io/applicationPorts': portList,
  'status.sidecar.istio.io/port': (v) => (port(v) ? undefined : `${JSON.stringify(v)} is not a valid port`),
  'sidecar.istio.io/interceptionMode': (v) => (['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : `${JSON.stringify(v)} is not one of REDIRECT, TPROXY, NONE`),
  'traffic.sidecar.istio.io/includeOutboundIPRanges': cidrList,
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': cidrList,
  'traffic.sidecar.istio.io/includeInboundPorts': portListOrStar,
  'traffic.sidecar.istio.io/excludeInboundPorts': portList,
  'traffic.sidecar.istio.io/includeOutboundPorts': portList,
  'traffic.sidecar.istio.io/excludeOutboundPorts': portList,
  'proxy.istio.io/config': proxyConfig,
};
