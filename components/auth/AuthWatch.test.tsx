// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it, vi } from 'vitest';
import { ApiError } from '../data/api-client';
import { isSignedOut } from './auth-client';
import { AuthWatch } from './AuthWatch';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

it('notices a 401 from any query and hands it on (the default sends the browser to /login)', async () => {
  const seen = vi.fn((err: unknown) => isSignedOut(err));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const root = createRoot(document.body.appendChild(document.createElement('div')));
  await act(async () => root.render(<QueryClientProvider client={client}><AuthWatch onSignedOut={seen} /></QueryClientProvider>));
  await act(async () => {
    await client.fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(new ApiError(401, 'unauthorized', 'sign in first')) }).catch(() => undefined);
    await client.fetchQuery({ queryKey: ['y'], queryFn: () => Promise.reject(new ApiError(500, 'internal', 'boom')) }).catch(() => undefined);
  });
  expect(seen.mock.results.map((r) => r.value)).toEqual([true, false]);
  act(() => root.unmount());
});
