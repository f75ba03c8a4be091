// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { FindHideInput } from './FindHideInput';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  vi.useFakeTimers();
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.useRealTimers();
});

/** Types into a React-controlled input the way a user does (React listens for native input events). */
function type(input: HTMLInputElement, text: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

it('commits a valid expression after a pause, and shows errors without committing', async () => {
  const onCommit = vi.fn();
  await act(async () => root.render(<FindHideInput kind="Find" value="" onCommit={onCommit} placeholder="" matches={0} />));
  const input = host.querySelector('input') as HTMLInputElement;

  await act(async () => type(input, 'app = '));
  expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/Expected a value/);
  expect(input.getAttribute('aria-invalid')).toBe('true');
  await act(async () => vi.advanceTimersByTime(1000));
  expect(onCommit).not.toHaveBeenCalled();

  await act(async () => type(input, 'app = reviews'));
  expect(host.querySelector('[role="alert"]')).toBeNull();
  await act(async () => vi.advanceTimersByTime(600));
  expect(onCommit).toHaveBeenCalledWith('app = reviews');
});

it('Escape clears the expression', async () => {
  const onCommit = vi.fn();
  await act(async () => root.render(<FindHideInput kind="Hide" value="healthy" onCommit={onCommit} placeholder="" matches={3} />));
  expect(host.textContent).toContain('3 hidden');
  const input = host.querySelector('input') as HTMLInputElement;
  await act(async () => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
  expect(onCommit).toHaveBeenCalledWith('');
});
