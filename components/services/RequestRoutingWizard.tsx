'use client';

import { useState } from 'react';
import type { IstioObject } from '@/lib/api/istio-config';
import type { VirtualService } from '@/lib/istio/types';
import { applyRequestRouting } from '@/lib/istio/traffic/wizards';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';
import { TextInput } from '../ui/TextInput';
import { changeOf, type WizardContext } from './wizard-change';
import { WizardChange } from './WizardChange';
import { emptyRoutingRow, parseRoutingRows, routingRowsOf, type MatchKind, type RoutingRow } from './wizard-forms';

const KINDS: { value: MatchKind; label: string }[] = [
  { value: 'exact', label: 'exact' },
  { value: 'prefix', label: 'prefix' },
  { value: 'regex', label: 'regex' },
];
const METHODS = ['', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((m) => ({ value: m, label: m || 'any method' }));

/**
 * Request routing: ordered rules sending matching requests (header, URI, method) to one version; everything
 * else keeps the weighted split. The first matching rule wins, as in Istio.
 */
export function RequestRoutingWizard({ ctx }: { ctx: WizardContext }) {
  const vs = ctx.virtualService?.object as VirtualService | undefined;
  const first = ctx.subsets[0]?.name ?? '';
  const [rows, setRows] = useState<RoutingRow[]>(() => routingRowsOf(vs));
  const setRow = (i: number, patch: Partial<RoutingRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const parsed = parseRoutingRows(rows);
  const errors = parsed.ok ? {} : parsed.errors;
  // The preview keys on the change's JSON, so a fresh object each render costs nothing.
  const change = parsed.ok ? changeOf(applyRequestRouting(ctx.service, vs, parsed.value) as IstioObject, ctx.virtualService) : undefined;
  const subsetOptions = [{ value: '', label: 'pick…' }, ...ctx.subsets.map((s) => ({ value: s.name, label: s.version && s.version !== s.name ? `${s.name} (${s.version})` : s.name }))];
  const err = (i: number, f: string) => (errors[`${i}.${f}`] ? { error: errors[`${i}.${f}`] } : {});
  return (
    <div className="sv-wizard" data-testid="wizard-routing">
      <p className="sv-muted">Rules are tried in order; requests matching none follow the weighted split. Versions are the DestinationRule&apos;s subsets{ctx.subsets.length === 0 ? ' — there are none yet: apply a traffic split first to create them' : ''}.</p>
      {rows.length === 0 ? <p className="sv-muted">No rules: every request follows the weighted split.</p> : null}
      <ol className="sv-rules">
        {rows.map((r, i) => (
          <li key={i} className="sv-rule" aria-label={`Rule ${i + 1}`}>
            <TextInput label="Header" placeholder="end-user" value={r.header} onChange={(e) => setRow(i, { header: e.target.value })} {...err(i, 'header')} />
            <Select label="Header match" value={r.headerKind} options={KINDS} onChange={(v) => setRow(i, { headerKind: v })} />
            <TextInput label="Header value" value={r.headerValue} onChange={(e) => setRow(i, { headerValue: e.target.value })} />
            <Select label="URI match" value={r.uriKind} options={KINDS} onChange={(v) => setRow(i, { uriKind: v })} />
            <TextInput label="URI" placeholder="/api" value={r.uri} onChange={(e) => setRow(i, { uri: e.target.value })} />
            <Select label="Method" value={r.method} options={METHODS} onChange={(v) => setRow(i, { method: v })} />
            <Select label="Send to" value={r.subset} options={subsetOptions} onChange={(v) => setRow(i, { subset: v })} />
            {errors[`${i}.subset`] ? <span className="ui-field-error">{errors[`${i}.subset`]}</span> : null}
            <Button variant="ghost" aria-label={`Remove rule ${i + 1}`} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <div className="ui-toolbar">
        <Button onClick={() => setRows((rs) => [...rs, emptyRoutingRow(first)])} disabled={ctx.subsets.length === 0}>
          Add rule
        </Button>
      </div>
      <WizardChange change={change} target={`VirtualService ${ctx.virtualService?.object.metadata.name ?? ctx.service.metadata.name}`} {...(ctx.virtualService ? { current: ctx.virtualService } : {})} />
    </div>
  );
}
