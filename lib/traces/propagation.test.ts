import { describe, expect, it } from 'vitest';
import { extractB3, extractW3C, injectB3, injectW3C } from './propagation';

const T64 = '463ac35c9f6413ad';
const T128 = '0000000000000000463ac35c9f6413ad';
const S = 'a2fb4a1d1a96d312';

describe('B3 and W3C extraction join on one 128-bit trace id', () => {
  it.each([
    ['x-b3 64-bit', extractB3({ 'x-b3-traceid': T64, 'x-b3-spanid': S, 'x-b3-sampled': '1' })],
    ['x-b3 without sampled', extractB3({ 'x-b3-traceid': T64, 'x-b3-spanid': S })],
    ['b3 single', extractB3({ b3: `${T64}-${S}-1` })],
    ['b3 single no flag', extractB3({ b3: `${T64}-${S}` })],
    ['traceparent', extractW3C({ traceparent: `00-${T128}-${S}-01` })],
  ])('%s', (_name, got) => expect(got).toEqual({ context: { traceId: T128, spanId: S, sampled: true } }));

  it.each([
    ['b3: 0', extractB3({ b3: '0' })],
    ['x-b3-sampled: 0', extractB3({ 'x-b3-traceid': T64, 'x-b3-spanid': S, 'x-b3-sampled': '0' })],
    ['traceparent unsampled', extractW3C({ traceparent: `00-${T128}-${S}-00` })],
  ])('%s is sampled out', (_name, got) => expect(got).toEqual({ sampledOut: true }));

  it.each([
    ['nothing', extractB3({})],
    ['bad trace id', extractB3({ 'x-b3-traceid': 'xyz', 'x-b3-spanid': S })],
    ['zero traceparent', extractW3C({ traceparent: `00-${'0'.repeat(32)}-${S}-01` })],
    ['version ff', extractW3C({ traceparent: `ff-${T128}-${S}-01` })],
    ['garbage', extractW3C({ traceparent: 'hello' })],
  ])('%s -> undefined', (_name, got) => expect(got).toBeUndefined());

  it('round-trips injected headers', () => {
    const ctx = { traceId: T128, spanId: S, sampled: true };
    expect(extractB3(injectB3(ctx, 'b'.repeat(16)))).toEqual({ context: ctx });
    expect(extractW3C(injectW3C(ctx))).toEqual({ context: ctx });
  });
});
