'use client';

import { StatusDot } from '../ui/Badge';
import { useHealth } from '../data/use-health';

/** A small light telling whether the API answers, polled in the background. */
export function ServerStatus() {
  const health = useHealth();
  const state = health.isPending ? 'checking' : health.isError ? 'unreachable' : health.data.status === 'ok' ? 'ok' : 'degraded';
  const tone = state === 'ok' ? 'ok' : state === 'checking' ? 'muted' : state === 'degraded' ? 'warn' : 'err';
  const text = state === 'ok' ? 'Server OK' : state === 'checking' ? 'Connecting…' : state === 'degraded' ? 'Server degraded' : 'Server unreachable';
  return (
    <span className="shell-status" data-testid="server-status" data-state={state}>
      <StatusDot tone={tone} label={text} />
      <span>{text}</span>
    </span>
  );
}
