import { FIELDS, FLAGS } from '@/lib/graph/find';
import { Dropdown } from '../ui/Dropdown';

const EXAMPLES = [
  'app = reviews',
  'name contains rat',
  'version = v2 and !healthy',
  '%httperr > 5',
  'responsetime > 100',
  'node = service or http > 10',
  '!mtls',
  'namespace != bookinfo',
];

/** The find/hide cheat sheet: operands come from the language's own tables, so it cannot drift. */
export function FindHelp({ onPick }: { onPick: (expression: string) => void }) {
  const nodeFields = Object.entries(FIELDS).filter(([, s]) => s.target === 'node').map(([k]) => k);
  const edgeFields = Object.entries(FIELDS).filter(([, s]) => s.target === 'edge').map(([k]) => k);
  return (
    <Dropdown label="?" ariaLabel="Find and hide help" buttonClassName="ui-btn-icon" alignRight>
      <div className="gr-help">
        <p>
          <b>Operators</b> <code>= != &gt; &lt; &gt;= &lt;=</code>, <code>contains</code> (<code>*=</code>),{' '}
          <code>startswith</code> (<code>^=</code>), <code>endswith</code> (<code>$=</code>), each negatable with{' '}
          <code>!</code> or <code>not</code>. Combine with <code>and</code>, <code>or</code>, parentheses.
        </p>
        <p>
          <b>Node operands</b> <code>{nodeFields.join(' ')}</code>
        </p>
        <p>
          <b>Edge operands</b> <code>{edgeFields.join(' ')}</code>
        </p>
        <p>
          <b>Flags</b> <code>{Object.keys(FLAGS).join(' ')}</code>
        </p>
        <p>
          <b>Examples</b> (click to find)
        </p>
        <ul>
          {EXAMPLES.map((e) => (
            <li key={e}>
              <button type="button" className="gr-link" onClick={() => onPick(e)} title="Use as the Find expression">
                <code>{e}</code>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </Dropdown>
  );
}
