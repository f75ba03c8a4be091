import type { ValidationMessage } from './model';

/**
 * One line per message, istioctl style: `Error [IST0101] (VirtualService ns/name file.yaml:12:9) text`, with
 * the field path and aliases appended; a closing summary line either way.
 */
export function formatText(messages: readonly ValidationMessage[], objectCount: number): string {
  if (messages.length === 0) return `✔ No validation issues found when analyzing ${objectCount} object${objectCount === 1 ? '' : 's'}.\n`;
  const lines = messages.map((m) => {
    const where = m.file ? ` ${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : '';
    const extra = [m.path ? `at ${m.path}` : '', m.aliases?.length ? `aliases ${m.aliases.join(',')}` : ''].filter(Boolean).join('; ');
    return `${m.level} [${m.code}] (${m.resource}${where}) ${m.message}${extra ? ` [${extra}]` : ''}`;
  });
  const count = (l: ValidationMessage['level']) => messages.filter((m) => m.level === l).length;
  lines.push(`${count('Error')} error(s), ${count('Warning')} warning(s), ${count('Info')} info in ${objectCount} object(s).`);
  return `${lines.join('\n')}\n`;
}
