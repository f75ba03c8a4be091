/**
 * The traffic figures endpoints (lib/api/traffic-figures.ts): service, graph item and overview. Each reads the
 * same GraphTelemetry a graph over the same namespaces and window would, and answers lib/traffic's derivation,
 * so pages show figures, not their own sums of graph JSON.
 */
import { ITEM_TRAFFIC_PATH, OVERVIEW_TRAFFIC_PATH, itemTrafficFiguresSchema, overviewTrafficSchema, serviceTrafficFiguresSchema } from '../../../lib/api/traffic-figures';
import type { GraphTelemetry } from '../../../lib/graph/telemetry';
import { parseDurationParam, parseNamespacesParam, parseQueryTime } from '../../../lib/graph/request';
import { itemFigures } from '../../../lib/traffic/item';
import { overviewFigures } from '../../../lib/traffic/overview';
import { serviceFigures } from '../../../lib/traffic/service';
import type { Core } from '../../core';
import { badRequest, notFound } from '../../http/errors';
import type { ApiRequest, Route } from '../../http/router';
import type { MetricsSource } from '../../sources/metrics/source';
import { assertKnownNamespaces } from './known-namespaces';
import { inventory } from './mesh-inputs';

/** Default window of the figures: the live minute the pages poll. */
const DEFAULT_DURATION_SEC = 60;

interface Window {
  durationSec: number;
  queryTimeSec: number;
}

function windowOf(req: ApiRequest, nowSec: number): Window {
  const q = req.url.searchParams;
  const durationSec = parseDurationParam('duration', q.get('duration'), DEFAULT_DURATION_SEC);
  if (typeof durationSec === 'string') throw badRequest(durationSec);
  const queryTimeSec = parseQueryTime(q.get('queryTime'), nowSec);
  if (typeof queryTimeSec === 'string') throw badRequest(queryTimeSec);
  return { durationSec, queryTimeSec };
}

function namespacesOf(req: ApiRequest): string[] {
  const ns = parseNamespacesParam(req.url.searchParams);
  if (typeof ns === 'string') throw badRequest(ns);
  return ns;
}

export function trafficRoutes(core: Core, source: MetricsSource): Route[] {
  const nowSec = () => core.now() / 1000;
  const telemetry = (namespaces: string[], w: Window): Promise<GraphTelemetry> =>
    source.graphTelemetry({ namespaces, durationSec: w.durationSec, queryTimeSec: w.queryTimeSec, includeIdle: false, throughputType: 'response', needDurationSum: false });
  return [
    {
      method: 'GET',
      path: '/api/namespaces/:ns/services/:service/traffic',
      async handler(req) {
        const { ns, service } = req.params as { ns: string; service: string };
        const w = windowOf(req, nowSec());
        const t = await telemetry([ns], w);
        await assertKnownNamespaces(core, source, [ns], t, w.queryTimeSec);
        const known = (inventory(core) ?? [])
          .filter((x) => x.namespace === ns && x.services.includes(service))
          .map((x) => ({ version: x.version || x.workload, workload: x.workload }));
        const body = serviceFigures(t, { namespace: ns, service, known }, w);
        if (known.length === 0 && body.versions.length === 0 && body.inbound.requests.rate === 0 && body.inbound.throughput.tcpBytesPerSec === 0) {
          throw notFound(`no service ${JSON.stringify(service)} in namespace ${JSON.stringify(ns)}: no workload behind it and no traffic to it`);
        }
        // The contract binds both ends: the answer is what the schema accepts.
        serviceTrafficFiguresSchema.parse(body);
        return { body };
      },
    },
    {
      method: 'GET',
      path: ITEM_TRAFFIC_PATH,
      async handler(req) {
        const id = req.url.searchParams.get('id');
        if (!id) throw badRequest('id is required: a node or edge id from the graph');
        if (id.length > 2048) throw badRequest('id is too long');
        const namespaces = namespacesOf(req);
        const w = windowOf(req, nowSec());
        const t = await telemetry(namespaces, w);
        await assertKnownNamespaces(core, source, namespaces, t, w.queryTimeSec);
        const body = itemFigures(t, id, w);
        if (typeof body === 'string') throw badRequest(body);
        itemTrafficFiguresSchema.parse(body);
        return { body };
      },
    },
    {
      method: 'GET',
      path: OVERVIEW_TRAFFIC_PATH,
      async handler(req) {
        const namespaces = namespacesOf(req);
        const w = windowOf(req, nowSec());
        const t = await telemetry(namespaces, w);
        await assertKnownNamespaces(core, source, namespaces, t, w.queryTimeSec);
        const body = overviewFigures(t, namespaces, w);
        overviewTrafficSchema.parse(body);
        return { body };
      },
    },
  ];
}
