import type { Tone } from '../../ui/Badge';

export function healthTone(h: string | undefined): Tone {
  if (h === 'Healthy') return 'ok';
  if (h === 'Degraded') return 'warn';
  if (h === 'Failure') return 'err';
  return 'muted';
}

export function healthText(h: string | undefined): string {
  return h === undefined || h === 'NA' ? 'No traffic' : h;
}
