import type { ValidationMessage } from '@/lib/api/validation';
import { Badge } from '../ui/Badge';

/** Validation messages as a compact list (level, code, message, field). */
export function MessageList({ messages }: { messages: readonly ValidationMessage[] }) {
  if (messages.length === 0) return <p className="cf-muted">No messages.</p>;
  return (
    <ul className="cf-msg-list">
      {messages.map((m, i) => (
        <li key={`${m.code}:${m.path ?? ''}:${i}`}>
          <Badge tone={m.level === 'Error' ? 'err' : m.level === 'Warning' ? 'warn' : 'info'}>{m.level}</Badge> <span className="mono cf-muted">{m.code}</span> {m.message}
          <span className="cf-problem-path mono">
            {m.resource}
            {m.path ? ` · ${m.path}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
