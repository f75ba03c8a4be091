import { expect, it } from 'vitest';
import { serviceTrafficFiguresSchema } from '@/lib/api/traffic-figures';
import { serviceFigures } from '@/lib/traffic/service';
import { FLOWS, telemetryOf } from '@/lib/graph/testdata/fixture';
import { versionTraffic } from './version-stats';

const figures = serviceTrafficFiguresSchema.parse(serviceFigures(telemetryOf(FLOWS), { namespace: 'bookinfo', service: 'reviews' }, { durationSec: 60, queryTimeSec: 1_700_000_000 }));

it('reads the versions from the service figures, without summing anything', () => {
  const v = versionTraffic(figures);
  expect(v.map((x) => x.version)).toEqual(['v1', 'v2', 'v3']);
  expect(v[2]).toMatchObject({ nodeId: 'vapp:Kubernetes:bookinfo:reviews-v3', requestRate: 1, errorRate: 0.5, share: 10, health: 'Failure' });
  expect(v[2]?.reason?.text).toBe('Failure: 50% 5xx (URX) of requests received (≥ 20%)');
  expect(v[2]?.evidence).toMatchObject({ requests: 60, failures: 30 });
  expect(versionTraffic(undefined)).toEqual([]);
});
