import { fqdn } from './routing/hosts';
import type { DestinationRule, K8sObject, ServiceEntry, VirtualService } from './types';

/** Validation counts for the config that governs one service. */
export interface ServiceConfigStatus {
  errors: number;
  warnings: number;
  /** `Kind namespace/name` of each object with findings. */
  objects: string[];
}

interface Item {
  object: K8sObject;
  validations?: readonly { level: string }[];
}

/** The services (as `namespace/name`) an object routes or configures, from its hosts. */
export function servicesOf(o: K8sObject): string[] {
  const ns = o.metadata.namespace ?? 'default';
  let hosts: string[] = [];
  if (o.kind === 'VirtualService') hosts = (o as VirtualService).spec?.hosts ?? [];
  else if (o.kind === 'DestinationRule') hosts = [(o as DestinationRule).spec?.host ?? ''];
  else if (o.kind === 'ServiceEntry') return ((o as ServiceEntry).spec?.hosts ?? []).map((h) => `${ns}/${h}`);
  const out: string[] = [];
  for (const h of hosts) {
    const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(fqdn(h, ns));
    if (m) out.push(`${m[2]}/${m[1]}`);
  }
  return out;
}

/**
 * Rolls validation findings up to the services their objects govern (VirtualService hosts, DestinationRule host,
 * ServiceEntry hosts), so the graph can badge a service whose config is broken.
 */
export function configStatusByService(items: readonly Item[]): Map<string, ServiceConfigStatus> {
  const out = new Map<string, ServiceConfigStatus>();
  for (const { object, validations } of items) {
    const errors = validations?.filter((v) => v.level === 'Error').length ?? 0;
    const warnings = validations?.filter((v) => v.level === 'Warning').length ?? 0;
    if (errors === 0 && warnings === 0) continue;
    const name = `${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    for (const key of servicesOf(object)) {
      const s = out.get(key) ?? { errors: 0, warnings: 0, objects: [] };
      s.errors += errors;
      s.warnings += warnings;
      if (!s.objects.includes(name)) s.objects.push(name);
      out.set(key, s);
    }
  }
  return out;
}
