import { describe, expect, it } from 'vitest';
import { summarizeOverview } from './overview-summary';

type Input = Parameters<typeof summarizeOverview>[0];

const wl = (app: string, sidecar: boolean) => ({ app, sidecar });

describe('summarizeOverview', () => {
  const cases: { name: string; input: Input; want: ReturnType<typeof summarizeOverview> }[] = [
    { name: 'empty', input: { namespaces: [] }, want: { namespaces: 0, workloads: 0, withSidecar: 0, apps: 0, services: 0, istioObjects: 0 } },
    {
      name: 'versions of one app count once; same app name in two namespaces counts twice',
      input: {
        namespaces: [
          {
            name: 'a',
            services: ['reviews', 'db'],
            istioConfig: { VirtualService: 2, DestinationRule: 1 },
            workloads: [wl('reviews', true), wl('reviews', true), wl('db', false)],
          },
          { name: 'b', services: [], istioConfig: {}, workloads: [wl('reviews', false)] },
        ],
      },
      want: { namespaces: 2, workloads: 4, withSidecar: 2, apps: 3, services: 2, istioObjects: 3 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(summarizeOverview(c.input)).toEqual(c.want));
});
