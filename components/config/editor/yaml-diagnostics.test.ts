import { describe, expect, it } from 'vitest';
import type { ValidationMessage } from '@/lib/api/validation';
import { lineOf, locatePath, parsePath, spanAt, toDiagnostics } from './yaml-diagnostics';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
          weight: 90
        - destination:
            host: reviews
            subset: v4
          weight: 10
`;

const slice = (s: { from: number; to: number }) => VS.slice(s.from, s.to);

describe('yaml diagnostics', () => {
  it.each([
    [17, 13, 'subset'],
    [8, 5, '- reviews'],
    [1, 1, 'apiVersion'],
    [99, 1, '\n'],
  ])('line %i column %i marks %j', (line, col, want) => {
    expect(slice(spanAt(VS, line, col))).toBe(want);
  });

  it('parses field paths', () => {
    expect(parsePath('spec.http[0].route[1].destination.subset')).toEqual(['spec', 'http', 0, 'route', 1, 'destination', 'subset']);
  });

  it.each([
    ['spec.http[0].route[1].destination.subset', 'subset', 17],
    ['spec.http[0].route[0].weight', 'weight', 14],
    // A missing field is reported on its deepest existing parent.
    ['spec.http[0].timeout', 'route', 10],
    ['spec.gateways', 'spec', 6],
  ])('locates %s', (path, text, line) => {
    const s = locatePath(VS, path);
    expect(s && slice(s).startsWith(text)).toBe(true);
    expect(s && lineOf(VS, s.from)).toBe(line);
  });

  it('finds nothing in text that is not a mapping', () => {
    expect(locatePath('- a\n- b\n', 'spec')).toBeUndefined();
  });

  it('turns messages and a syntax problem into sorted diagnostics', () => {
    const msgs: ValidationMessage[] = [
      { code: 'IST0101', name: 'ReferencedResourceNotFound', level: 'Error', resource: 'VirtualService bookinfo/reviews', message: 'Referenced subset not found: "v4"', line: 17, column: 13 },
      { code: 'KIA1104', name: 'w', level: 'Warning', resource: 'r', message: 'by path', path: 'spec.http[0].route[0].weight' },
      { code: 'X', name: 'i', level: 'Info', resource: 'r', message: 'nowhere' },
    ];
    const d = toDiagnostics(VS, msgs, { message: 'bad indent', line: 2, column: 1 });
    expect(d.map((x) => [x.severity, x.source, lineOf(VS, x.from)])).toEqual([
      ['info', 'X', 1],
      ['error', 'YAML', 2],
      ['warning', 'KIA1104', 14],
      ['error', 'IST0101', 17],
    ]);
  });
});
