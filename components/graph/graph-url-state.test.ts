import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseGraphView, refreshMs, serializeGraphView } from './graph-url-state';

const parse = (s: string) => parseGraphView(new URLSearchParams(s));

describe('graph URL state', () => {
  it('reads the contract link', () => {
    expect(parse('namespaces=bookinfo&graphType=versionedApp&duration=60s')).toEqual({ ...DEFAULT_VIEW, namespaces: ['bookinfo'] });
  });

  it.each([
    ['graphType=pods', 'graphType', 'versionedApp'],
    ['duration=soon', 'duration', '60s'],
    ['refresh=often', 'refresh', '15s'],
    ['refresh=off', 'refresh', 'off'],
    ['layout=cola', 'layout', 'dagre'],
    ['layout=fcose', 'layout', 'fcose'],
    ['edgeLabels=rate,bogus,rt', 'edgeLabels', ['rate', 'rt']],
    ['edgeLabels=', 'edgeLabels', []],
    ['animate=1', 'animate', true],
    ['injectServiceNodes=false', 'injectServiceNodes', false],
    ['namespaces=a,,b%2Cc', 'namespaces', ['a', 'b', 'c']],
    ['boxBy=namespace,cluster,app', 'boxBy', ['namespace', 'app']],
  ])('%s → %s', (query, key, want) => {
    expect(parse(query)[key as keyof typeof DEFAULT_VIEW]).toEqual(want);
  });

  it('round-trips and keeps defaults out of the URL', () => {
    const v = { ...DEFAULT_VIEW, namespaces: ['bookinfo', 'istio-system'], find: 'app = reviews', selected: 'a>b>http', edgeLabels: [] };
    const s = serializeGraphView(v);
    expect(s).toBe('namespaces=bookinfo,istio-system&graphType=versionedApp&duration=60s&edgeLabels=&find=app+%3D+reviews&selected=a%3Eb%3Ehttp');
    expect(parse(s)).toEqual(v);
    expect(serializeGraphView({ ...DEFAULT_VIEW, namespaces: ['x'] })).toBe('namespaces=x&graphType=versionedApp&duration=60s');
  });

  it('refreshMs', () => {
    expect(refreshMs('off')).toBe(false);
    expect(refreshMs('15s')).toBe(15_000);
    expect(refreshMs('1m')).toBe(60_000);
  });
});

describe('focus links from traces', () => {
  it('turns focus=<app> into a find expression unless find is given', () => {
    expect(parseGraphView(new URLSearchParams('namespaces=bookinfo&graphType=versionedApp&focus=reviews')).find).toBe('app = reviews');
    expect(parseGraphView(new URLSearchParams('namespaces=bookinfo&focus=reviews&find=version%3Dv2')).find).toBe('version=v2');
  });
});
