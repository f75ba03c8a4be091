import type { GraphItemMetrics } from '../../../lib/api/metrics';
import { GRAPH_PATH } from '../../../lib/api/graph';
import { GRAPH_ITEM_METRICS_PATH, SCRAPE_TARGETS_PATH } from '../../../lib/api/metrics';
import { buildGraphBytes } from '../../../lib/graph/build-graph';
import { itemSelector, itemSeries } from '../../../lib/graph/item-query';
import { parseDurationParam, parseGraphQuery, parseQueryTime } from '../../../lib/graph/request';
import type { Histogram } from 'prom-client';
import type { Core } from '../../core';
import { badRequest } from '../../http/errors';
import type { Route } from '../../http/router';
import type { MetricsSource } from '../../sources/metrics/source';
import { assertKnownNamespaces } from './known-namespaces';
import { inventory, meshConfigSnapshot } from './mesh-inputs';
import { trafficRoutes } from './traffic-routes';

/** Most points one metrics answer may hold (Prometheus refuses more than 11,000). */
const MAX_POINTS = 11_000;

export function graphRoutes(core: Core, source: MetricsSource, buildSeconds: Histogram<'source'>): Route[] {
  const nowSec = () => core.now() / 1000;
  return [
    {
      method: 'GET',
      path: GRAPH_PATH,
      async handler(req) {
        const options = parseGraphQuery(req.url.searchParams, nowSec());
        if (typeof options === 'string') throw badRequest(options);
        const end = buildSeconds.startTimer({ source: source.kind });
        const telemetry = await source.graphTelemetry({
          namespaces: options.namespaces,
          durationSec: options.durationSec,
          queryTimeSec: options.queryTimeSec,
          includeIdle: options.includeIdleEdges,
          throughputType: options.throughputType,
          needDurationSum: options.responseTime === 'avg',
        });
        await assertKnownNamespaces(core, source, options.namespaces, telemetry, options.queryTimeSec);
        const inv = inventory(core);
        const text = buildGraphBytes({ options, telemetry, config: meshConfigSnapshot(core), ...(inv ? { inventory: inv } : {}) });
        end();
        return { text, contentType: 'application/json; charset=utf-8' };
      },
    },
    {
      method: 'GET',
      path: GRAPH_ITEM_METRICS_PATH,
      async handler(req) {
        const q = req.url.searchParams;
        const id = q.get('id');
        if (!id) throw badRequest('id is required: a node or edge id from the graph');
        const direction = q.get('direction') ?? 'inbound';
        if (direction !== 'inbound' && direction !== 'outbound') throw badRequest('direction must be inbound or outbound');
        const selector = itemSelector(id, direction);
        if (typeof selector === 'string') throw badRequest(selector);
        const durationSec = parseDurationParam('duration', q.get('duration'), 600);
        if (typeof durationSec === 'string') throw badRequest(durationSec);
        const endSec = parseQueryTime(q.get('queryTime'), nowSec());
        if (typeof endSec === 'string') throw badRequest(endSec);
        const defaultStep = Math.max(source.resolutionSec, Math.ceil(durationSec / 60));
        const stepSec = parseDurationParam('step', q.get('step'), defaultStep);
        if (typeof stepSec === 'string') throw badRequest(stepSec);
        if (durationSec / stepSec > MAX_POINTS) throw badRequest(`duration/step gives more than ${MAX_POINTS} points; use a larger step`);
        // Align to the step so consecutive polls share points.
        const end = Math.floor(endSec / stepSec) * stepSec;
        const start = end - durationSec;
        const rows = await source.itemRange({ selector, startSec: start, endSec: end, stepSec, windowSec: Math.max(stepSec, 4 * source.resolutionSec) });
        const body: GraphItemMetrics = { id, kind: selector.kind, direction: selector.direction, start, end, step: stepSec, series: itemSeries(rows) };
        return { body };
      },
    },
    {
      method: 'GET',
      path: SCRAPE_TARGETS_PATH,
      async handler() {
        return { body: await source.targets() };
      },
    },
    ...trafficRoutes(core, source),
  ];
}
