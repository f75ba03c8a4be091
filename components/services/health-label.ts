import type { HealthStatus } from '@/lib/api/graph';
import type { TrafficFigures } from '@/lib/api/traffic-figures';
import type { Tone } from '../ui/Badge';
import { formatBytesRate } from '../ui/format';

/**
 * How a health state reads. Health is judged on requests: an item that only moves TCP bytes is not judged, and says
 * "TCP" with its throughput, never "No traffic" while bytes flow.
 */
export function healthLabel(status: HealthStatus | undefined, figures?: Pick<TrafficFigures, 'requests' | 'throughput'>): { tone: Tone; label: string } {
  if (status === 'Healthy') return { tone: 'ok', label: 'Healthy' };
  if (status === 'Degraded') return { tone: 'warn', label: 'Degraded' };
  if (status === 'Failure') return { tone: 'err', label: 'Failure' };
  const tcp = figures?.throughput.tcpBytesPerSec ?? 0;
  if (tcp > 0 && (figures?.requests.rate ?? 0) === 0) return { tone: 'info', label: `TCP ${formatBytesRate(tcp)}` };
  if (status === 'NA') return { tone: 'muted', label: 'No traffic' };
  return { tone: 'muted', label: 'Unknown' };
}
