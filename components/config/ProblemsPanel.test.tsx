// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import type { ValidationMessage } from '@/lib/api/validation';
import { ProblemsPanel } from './ProblemsPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const TEXT = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  http:\n    - route:\n        - destination:\n            subset: v4\n';
const positioned: ValidationMessage = { code: 'IST0101', name: 'ReferencedResourceNotFound', level: 'Error', resource: 'VirtualService bookinfo/reviews', message: 'Referenced subset not found: "v4"', path: 'spec.http[0].route[0].destination.subset', line: 9, column: 13 };
const byPath: ValidationMessage = { code: 'KIA1104', name: 'w', level: 'Warning', resource: 'VirtualService bookinfo/reviews', message: 'by path only', path: 'spec.http[0].route[0].destination' };

function render(node: React.ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(node));
  return { host, unmount: () => act(() => root.unmount()) };
}

describe('ProblemsPanel', () => {
  it('lists problems with their lines and jumps there on click', () => {
    const onJump = vi.fn();
    const { host, unmount } = render(<ProblemsPanel result={{ text: TEXT, messages: [positioned, byPath] }} current error={null} onRetry={() => {}} onJump={onJump} />);
    expect(host.querySelector('[data-testid="problems-status"]')?.textContent).toBe('2 found');
    const buttons = [...host.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Line 9', 'Line 8']);
    act(() => buttons[0]?.click());
    expect(onJump).toHaveBeenCalledWith(9, 13);
    // A message without a position is placed by its field path, at the line's start.
    act(() => buttons[1]?.click());
    expect(onJump).toHaveBeenLastCalledWith(8, undefined);
    unmount();
  });

  it('shows a syntax problem, and says when the text is clean or still being checked', () => {
    const a = render(<ProblemsPanel result={{ text: 'a: [', messages: [], syntax: { message: 'YAML syntax error: bad', line: 1, column: 4 } }} current error={null} onRetry={() => {}} onJump={() => {}} />);
    expect(a.host.textContent).toContain('YAML syntax error: bad');
    expect(a.host.querySelector('button')?.textContent).toBe('Line 1');
    a.unmount();
    const b = render(<ProblemsPanel result={{ text: 'a: 1', messages: [] }} current error={null} onRetry={() => {}} onJump={() => {}} />);
    expect(b.host.querySelector('[data-testid="problems-status"]')?.textContent).toBe('No problems found');
    b.unmount();
    const c = render(<ProblemsPanel result={{ text: 'a: 1', messages: [] }} current={false} error={null} onRetry={() => {}} onJump={() => {}} />);
    expect(c.host.querySelector('[data-testid="problems-status"]')?.textContent).toBe('Checking changes…');
    c.unmount();
  });
});
