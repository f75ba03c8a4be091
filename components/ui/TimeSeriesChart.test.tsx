// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import { TimeSeriesChart } from './TimeSeriesChart';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function render(el: React.ReactElement) {
  const host = document.createElement('div');
  const root = createRoot(host);
  await act(async () => root.render(el));
  return { host, unmount: () => act(() => root.unmount()) };
}

it('draws one path per series, breaking the line at null values', async () => {
  const { host, unmount } = await render(
    <TimeSeriesChart
      title="Requests/s"
      format={(v) => v.toFixed(1)}
      series={[
        { name: 'total', color: '#0f0', points: [[0, 1], [1, 2], [2, null], [3, 4]] },
        { name: 'errors', color: '#f00', points: [[0, 0], [1, 0], [2, 0], [3, 1]] },
      ]}
    />,
  );
  const paths = [...host.querySelectorAll('path')].map((p) => p.getAttribute('d') ?? '');
  expect(paths).toHaveLength(2);
  // Two "M" moves: the gap at t=2 starts a new segment.
  expect(paths[0]?.match(/M/g)).toHaveLength(2);
  expect(host.querySelector('svg')?.getAttribute('aria-label')).toBe('Requests/s: total latest 4.0, errors latest 1.0; peak 4.4');
  unmount();
});

it('says when there is no data instead of drawing an empty box', async () => {
  const { host, unmount } = await render(<TimeSeriesChart title="Latency" format={String} series={[{ name: 'p95', color: '#fff', points: [[0, null]] }]} />);
  expect(host.querySelector('svg')).toBeNull();
  expect(host.textContent).toContain('No data in this window');
  unmount();
});
