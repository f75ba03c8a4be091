import { resourceName } from '../types';
import { goFormat } from './go-format';
import { ISTIO_MESSAGES, type IstioMessageName } from './istio-messages';
import { KIALI_CHECKS } from './kiali-checks';
import { formatPath, type PathSegment, type SourcedObject, type ValidationMessage } from './model';
import type { MeshSnapshot } from './snapshot';

/** Mesh-wide settings (istio MeshConfig), as far as the analyzers read them. Untrusted: read defensively. */
export type MeshConfig = Record<string, unknown>;

/** What an analyzer sees and how it reports. */
export interface AnalysisContext {
  snapshot: MeshSnapshot;
  istioNamespace: string;
  meshConfig: MeshConfig;
  /** Namespaces known to exist outside the inputs (e.g. the cluster's); empty when validating files alone. */
  externalNamespaces: ReadonlySet<string>;
  /** Validation time (ms since epoch) for time-dependent checks such as certificate expiry; unknown when absent. */
  now?: number;
  /** istio MeshNetworks (`networks:`), when given. */
  meshNetworks?: Record<string, unknown>;
  /** Reports an istioctl message; `args` fill its template in order. */
  report(name: IstioMessageName, target: SourcedObject, path: readonly PathSegment[], args: readonly unknown[], aliases?: string[]): void;
  /** Reports a Kiali check by key (e.g. `virtualservices.nogateway`). */
  reportKiali(key: string, target: SourcedObject, path: readonly PathSegment[]): void;
}

/** Builds a context that collects messages into `out`. */
export function createContext(
  snapshot: MeshSnapshot,
  settings: { istioNamespace: string; meshConfig: MeshConfig; meshNetworks?: Record<string, unknown>; now?: number; externalNamespaces?: ReadonlySet<string> },
  out: ValidationMessage[],
): AnalysisContext {
  const place = (target: SourcedObject, path: readonly PathSegment[]) => {
    const extra: Partial<ValidationMessage> = {};
    if (path.length > 0) extra.path = formatPath(path);
    if (target.source) {
      extra.file = target.source.file;
      const pos = target.source.locate(path);
      if (pos) Object.assign(extra, pos);
    }
    return extra;
  };
  return {
    snapshot,
    externalNamespaces: new Set<string>(),
    ...settings,
    report(name, target, path, args, aliases) {
      const t = ISTIO_MESSAGES[name];
      const m: ValidationMessage = {
        code: t.code,
        name,
        level: t.level,
        resource: resourceName(target.object),
        message: goFormat(t.template, args),
        ...place(target, path),
      };
      if (aliases && aliases.length > 0) m.aliases = aliases;
      out.push(m);
    },
    reportKiali(key, target, path) {
      const c = KIALI_CHECKS[key];
      if (!c) throw new Error(`unknown Kiali check ${key}`);
      out.push({
        code: c.code,
        name: key,
        level: c.severity === 'error' ? 'Error' : c.severity === 'warning' ? 'Warning' : 'Info',
        resource: resourceName(target.object),
        message: c.message,
        ...place(target, path),
      });
    },
  };
}
