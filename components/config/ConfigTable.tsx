import Link from 'next/link';
import type { ConfigItem } from '@/lib/api/istio-config';
import { StatusDot, type Tone } from '../ui/Badge';
import { itemStatus, type ItemStatus } from './config-list-model';
import { objectHref } from './config-url-state';
import { ValidationBadges } from './ValidationBadges';

export const STATUS_TONE: Record<ItemStatus, Tone> = { error: 'err', warning: 'warn', info: 'info', valid: 'ok' };
const STATUS_LABEL: Record<ItemStatus, string> = { error: 'Has errors', warning: 'Has warnings', info: 'Has notes', valid: 'Valid' };

/** The objects as a table: status, identity (linking to the editor), validations and where the object came from. */
export function ConfigTable({ items }: { items: readonly ConfigItem[] }) {
  return (
    <table className="ui-table cf-table" data-testid="config-table">
      <thead>
        <tr>
          <th scope="col" className="cf-col-status">
            <span className="visually-hidden">Status</span>
          </th>
          <th scope="col">Kind</th>
          <th scope="col">Namespace</th>
          <th scope="col">Name</th>
          <th scope="col">Validation</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => {
          const s = itemStatus(i.validations);
          const m = i.object.metadata;
          const first = i.validations.find((v) => v.level === 'Error') ?? i.validations[0];
          return (
            <tr key={`${i.object.kind}/${m.namespace ?? ''}/${m.name}`} data-testid="config-row" data-status={s}>
              <td className="cf-col-status">
                <StatusDot tone={STATUS_TONE[s]} label={STATUS_LABEL[s]} />
              </td>
              <td>{i.object.kind}</td>
              <td>{m.namespace ?? '—'}</td>
              <td>
                <Link href={objectHref({ kind: i.object.kind, name: m.name, ...(m.namespace ? { namespace: m.namespace } : {}) })} className="cf-name">
                  {m.name}
                </Link>
              </td>
              <td className="cf-col-validation">
                <ValidationBadges messages={i.validations} />
                {first ? (
                  <span className="cf-first-msg" title={i.validations.map((v) => `${v.level} ${v.code}: ${v.message}`).join('\n')}>
                    {first.code}: {first.message}
                  </span>
                ) : null}
              </td>
              <td className="cf-muted mono">{i.source ? `${i.source.file}:${i.source.line}` : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
