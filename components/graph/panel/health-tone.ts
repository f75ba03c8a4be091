import type { Tone } from '../../ui/Badge';

export function healthTone(h: string | undefined): Tone {
  if (h === 'Healthy') return 'ok';
  if (h === 'Degraded') return 'warn';
  if (h === 'Failure') return 'err';
  return 'muted';
}

/** Health is judged on requests; an item that only moves TCP bytes says "TCP", never "No traffic". */
export function healthText(h: string | undefined, tcp = false): string {
  if (h === undefined || h === 'NA') return tcp ? 'TCP' : 'No traffic';
  return h;
}
