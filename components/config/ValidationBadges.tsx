import type { ValidationMessage } from '@/lib/api/validation';
import { Badge } from '../ui/Badge';
import { countLevels } from './config-list-model';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Error / warning / info counts as badges, or a "Valid" badge when there are none. */
export function ValidationBadges({ messages }: { messages: readonly ValidationMessage[] }) {
  const c = countLevels(messages);
  if (messages.length === 0) return <Badge tone="ok">Valid</Badge>;
  return (
    <span className="cf-badges">
      {c.errors ? <Badge tone="err">{plural(c.errors, 'error')}</Badge> : null}
      {c.warnings ? <Badge tone="warn">{plural(c.warnings, 'warning')}</Badge> : null}
      {c.infos ? <Badge tone="info">{plural(c.infos, 'info')}</Badge> : null}
    </span>
  );
}
