import { describe, expect, it } from 'vitest';
import { summarizeOverview } from './overview-summary';

const wl = (name: string, app: string, sidecar: boolean, protocol = 'http') => ({ name, namespace: 'ns', app, sidecar, protocol });

describe('summarizeOverview', () => {
  const cases = [
    { name: 'empty', input: { demo: { running: false }, namespaces: [] }, want: { namespaces: 0, workloads: 0, withSidecar: 0, apps: 0, tcpWorkloads: 0 } },
    {
      name: 'versions of one app count once; same app name in two namespaces counts twice',
      input: {
        demo: { running: true },
        namespaces: [
          { name: 'a', workloads: [wl('reviews-v1', 'reviews', true), wl('reviews-v2', 'reviews', true), wl('db', 'db', false, 'tcp')] },
          { name: 'b', workloads: [wl('reviews-v1', 'reviews', false)] },
        ],
      },
      want: { namespaces: 2, workloads: 4, withSidecar: 2, apps: 3, tcpWorkloads: 1 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(summarizeOverview(c.input)).toEqual(c.want));
});
