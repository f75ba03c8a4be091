import { CONFIG_RESOURCES, type AppDetail, type AppList, type ConfigResource, type ConfigResourceAnswer, type LogEntry, type PodLogs, type WorkloadDetail, type WorkloadList } from '../../../lib/api/workloads';
import { clusterRows, endpointRows, listenerRows, routeRows } from '../../../lib/envoy/config-views';
import { parseLogLine } from '../../../lib/envoy/pod-log';
import { syncFromSyncz } from '../../../lib/envoy/syncz';
import type { SyncState } from '../../../lib/envoy/sync-state';
import type { WorkloadsLimits } from '../../../lib/limits/workloads';
import type { Core } from '../../core';
import { badRequest, HttpError, notFound } from '../../http/errors';
import type { ApiRequest, Route } from '../../http/router';
import type { WorkloadsSource } from '../../sources/workloads/source';
import { namespaces } from '../core-api';
import { StoreValidation } from '../istio-config/validation';
import { appModels, workloadModels } from './model';
import { proxyNotes } from './notes';
import { NO_SOURCE, sourceErrorToHttp } from './sources';

const PROXY = 'istio-proxy';

/** The proxy's sync state from istiod's syncz; when istiod cannot be asked, UNKNOWN with why (the table still shows). */
async function proxySync(source: WorkloadsSource, ns: string, pod: string, maxBytes: number): Promise<SyncState> {
  let text: string;
  try {
    text = await source.syncz(maxBytes);
  } catch (err) {
    return { state: 'UNKNOWN', reason: `cannot read istiod's sync status: ${(err as Error).message}` };
  }
  try {
    return syncFromSyncz(JSON.parse(text), pod, ns);
  } catch {
    return { state: 'UNKNOWN', reason: 'istiod\'s /debug/syncz did not answer JSON' };
  }
}

export function workloadRoutes(core: Core, source: WorkloadsSource | undefined, limits: WorkloadsLimits): Route[] {
  const validation = new StoreValidation(core.configStore, () => core.now());
  const wrap = async <T>(p: Promise<T>): Promise<T> => p.catch((err: unknown) => Promise.reject(sourceErrorToHttp(err)));

  const knownNamespace = (ns: string) => {
    if (!namespaces(core).some((n) => n.name === ns)) throw notFound(`no namespace ${JSON.stringify(ns)} (or you may not see it)`);
  };
  const models = async (ns: string) => {
    knownNamespace(ns);
    const pods = source ? await wrap(source.pods(ns)) : [];
    const byResource = (o: { kind: string; namespace: string; name: string }) => validation.of({ kind: o.kind, metadata: { name: o.name, namespace: o.namespace } });
    return workloadModels({ namespace: ns, objects: core.configStore.list().map((o) => o.object), pods, validationsOf: byResource });
  };
  const needSource = (): WorkloadsSource => {
    if (!source) throw notFound(NO_SOURCE);
    return source;
  };

  const int = (req: ApiRequest, name: string, min: number, max: number): number | undefined => {
    const raw = req.url.searchParams.get(name);
    if (raw === null || raw === '') return undefined;
    if (!/^\d{1,12}$/.test(raw)) throw badRequest(`${name} must be a whole number, got ${JSON.stringify(raw.slice(0, 40))}`);
    const n = Number(raw);
    if (n < min || n > max) throw badRequest(`${name} must be between ${min} and ${max}`);
    return n;
  };

  const dump = async (ns: string, pod: string, includeEds: boolean): Promise<{ text: string; parsed: unknown }> => {
    knownNamespace(ns);
    const text = await wrap(needSource().proxyAdmin(ns, pod, includeEds ? 'config_dump?include_eds' : 'config_dump', limits.maxConfigDumpBytes));
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpError('bad_gateway', `the Envoy admin API of ${ns}/${pod} did not answer JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { configs?: unknown }).configs)) throw new HttpError('bad_gateway', `the Envoy admin API of ${ns}/${pod} did not answer a config dump`);
    return { text, parsed };
  };

  return [
    {
      method: 'GET',
      path: '/api/namespaces/:ns/workloads',
      async handler(req) {
        const body: WorkloadList = { namespace: { name: req.params.ns as string }, workloads: (await models(req.params.ns as string)).map((m) => m.item) };
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/namespaces/:ns/workloads/:workload',
      async handler(req) {
        const { ns, workload } = req.params as { ns: string; workload: string };
        const m = (await models(ns)).find((x) => x.item.name === workload);
        if (!m) throw notFound(`no workload ${JSON.stringify(workload)} in namespace ${ns}`);
        const proxy = m.pods.flatMap((p) => p.containers).find((c) => c.name === PROXY);
        const body: WorkloadDetail = { ...m.item, pods: m.pods, istioConfig: m.config, notes: proxyNotes(m.item, m.pods), source: source?.kind ?? 'none' };
        if (proxy?.resources) body.proxyResources = proxy.resources;
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/namespaces/:ns/apps',
      async handler(req) {
        const body: AppList = { namespace: { name: req.params.ns as string }, applications: appModels(await models(req.params.ns as string)).map((a) => a.item) };
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/namespaces/:ns/apps/:app',
      async handler(req) {
        const { ns, app } = req.params as { ns: string; app: string };
        const a = appModels(await models(ns)).find((x) => x.item.name === app);
        if (!a) throw notFound(`no application ${JSON.stringify(app)} in namespace ${ns} (no workload has the label app=${app})`);
        const body: AppDetail = { ...a.item, istioConfig: a.config };
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/namespaces/:ns/pods/:pod/logs',
      async handler(req) {
        const { ns, pod } = req.params as { ns: string; pod: string };
        knownNamespace(ns);
        const s = needSource();
        const maxLines = int(req, 'maxLines', 1, limits.maxLogLines) ?? Math.min(1000, limits.maxLogLines);
        const sinceTime = int(req, 'sinceTime', 0, 32_503_680_000);
        let container = req.url.searchParams.get('container') ?? '';
        if (!container) {
          const p = (await wrap(s.pods(ns))).find((x) => x.name === pod);
          if (!p) throw notFound(`pods "${pod}" not found in namespace ${ns}`);
          container = p.containers.find((c) => c.name !== PROXY)?.name ?? PROXY;
        }
        if (container.length > 253) throw badRequest('container name is too long');
        const chunk = await wrap(s.logs(ns, pod, { container, maxLines, maxBytes: limits.maxLogBytes, ...(sinceTime !== undefined ? { sinceTimeSec: sinceTime } : {}) }));
        const proxy = container === PROXY;
        const entries: LogEntry[] = chunk.lines.map((l) => {
          const p = parseLogLine(l, proxy);
          return { message: p.message, timestamp: p.timestamp, timestampUnix: p.timestampUnix, severity: p.severity, ...(p.accessLog ? { accessLog: p.accessLog } : {}) };
        });
        const body: PodLogs = { pod, container, entries, linesTruncated: chunk.truncated };
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/namespaces/:ns/pods/:pod/config_dump',
      async handler(req) {
        const { text } = await dump(req.params.ns as string, req.params.pod as string, true);
        return { text, contentType: 'application/json; charset=utf-8' };
      },
    },
    {
      method: 'GET',
      path: '/api/namespaces/:ns/pods/:pod/config_dump/:resource',
      async handler(req) {
        const { ns, pod, resource } = req.params as { ns: string; pod: string; resource: string };
        if (!(CONFIG_RESOURCES as readonly string[]).includes(resource)) throw notFound(`no config resource ${JSON.stringify(resource)}: use one of ${CONFIG_RESOURCES.join(', ')}`);
        const { parsed } = await dump(ns, pod, resource === 'endpoints');
        const sync = await proxySync(needSource(), ns, pod, limits.maxConfigDumpBytes);
        const max = limits.maxConfigRows;
        const rows = (r: ConfigResource) => {
          switch (r) {
            case 'routes': return routeRows(parsed, max + 1);
            case 'clusters': return clusterRows(parsed, max + 1);
            case 'listeners': return listenerRows(parsed, max + 1);
            default: return endpointRows(parsed, max + 1);
          }
        };
        const items = rows(resource as ConfigResource);
        const body = { resource, items: items.slice(0, max), truncated: items.length > max, sync } as ConfigResourceAnswer;
        return { body };
      },
    },
  ];
}
