import { describe, expect, it } from 'vitest';
import { parseGraphQuery } from './request';

const parse = (q: string) => parseGraphQuery(new URLSearchParams(q), 1_700_000_000.7);

describe('parseGraphQuery', () => {
  it('applies Kiali API defaults', () => {
    expect(parse('namespaces=bookinfo')).toEqual({
      namespaces: ['bookinfo'],
      graphType: 'workload',
      injectServiceNodes: false,
      includeIdleEdges: false,
      idleNodes: false,
      responseTime: '95',
      throughputType: 'response',
      boxBy: [],
      durationSec: 600,
      queryTimeSec: 1_700_000_000,
    });
  });

  it.each([
    ['namespaces=a,b,a&graphType=versionedApp&duration=90&injectServiceNodes=true', { namespaces: ['a', 'b'], graphType: 'versionedApp', durationSec: 90, injectServiceNodes: true }],
    ['namespaces=a&duration=1m30s&queryTime=1600000000&boxBy=app,namespace', { durationSec: 90, queryTimeSec: 1_600_000_000, boxBy: ['app', 'namespace'] }],
    ['namespaces=a&queryTime=1800000000', { queryTimeSec: 1_700_000_000 }],
    ['namespaces=a&responseTime=avg&throughputType=request&includeIdleEdges=true&idleNodes=true', { responseTime: 'avg', throughputType: 'request', includeIdleEdges: true, idleNodes: true }],
  ])('%s', (q, want) => {
    expect(parse(q)).toMatchObject(want);
  });

  it.each([
    ['', /namespaces is required/],
    ['namespaces=,', /namespaces is required/],
    ['namespaces=UPPER', /not a valid namespace/],
    ['namespaces=a&graphType=box', /graphType must be one of/],
    ['namespaces=a&duration=-5s', /duration must be/],
    ['namespaces=a&duration=400d', /at most/],
    ['namespaces=a&queryTime=-1', /unix seconds/],
    ['namespaces=a&responseTime=42', /responseTime must be/],
    ['namespaces=a&throughputType=both', /throughputType/],
    ['namespaces=a&includeIdleEdges=yes', /includeIdleEdges must be true or false/],
  ])('rejects %j', (q, message) => {
    expect(parse(q)).toMatch(message);
  });
});
