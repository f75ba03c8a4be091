// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../data/api-client';
import { ErrorState, describeError } from './States';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('describeError', () => {
  it.each([
    [new ApiError(0, 'network', 'Cannot reach'), 'Server unreachable'],
    [new ApiError(404, 'not_found', 'gone'), 'Not found'],
    [new ApiError(422, 'unprocessable', 'bad'), 'Request failed (unprocessable)'],
    [new Error('boom'), 'Something went wrong'],
    ['weird', 'Something went wrong'],
  ])('%s → %s', (err, title) => expect(describeError(err).title).toBe(title));
});

it('ErrorState announces the error and retries on click', async () => {
  const onRetry = vi.fn();
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  await act(async () => root.render(<ErrorState error={new ApiError(503, 'unavailable', 'store is loading')} onRetry={onRetry} />));
  const alert = host.querySelector('[role="alert"]');
  expect(alert?.textContent).toContain('store is loading');
  await act(async () => host.querySelector('button')?.click());
  expect(onRetry).toHaveBeenCalledOnce();
  act(() => root.unmount());
});
