'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';
import { TextInput } from '../ui/TextInput';
import { LIMITS, LOOKBACKS, validateSearch, type TraceSearchState } from './search-url-state';
import { useTraceOperations, useTraceServices } from './use-traces';

const ALL = '';

/** The preset choices plus the current value when a bookmarked URL carries another one. */
const withCurrent = (presets: readonly string[], current: string): string[] => (presets.includes(current) ? [...presets] : [...presets, current]);

/** The search form. Edits stay a draft until submitted; the submitted search is the URL's. */
export function SearchForm({ value, onSubmit }: { value: TraceSearchState; onSubmit: (s: TraceSearchState) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const services = useTraceServices();
  const operations = useTraceOperations(draft.service);
  const errors = validateSearch(draft);
  const set = (patch: Partial<TraceSearchState>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(errors).length === 0) onSubmit(draft);
  };
  const serviceNames = services.data ?? [];
  const serviceOptions = [{ value: ALL, label: 'All services' }, ...serviceNames.map((s) => ({ value: s, label: s }))];
  if (draft.service && !serviceNames.includes(draft.service)) serviceOptions.push({ value: draft.service, label: draft.service });
  const opOptions = [{ value: ALL, label: 'All operations' }, ...(operations.data ?? []).map((o) => ({ value: o, label: o }))];
  if (draft.operation && !(operations.data ?? []).includes(draft.operation)) opOptions.push({ value: draft.operation, label: draft.operation });

  return (
    <form className="tr-form" onSubmit={submit} aria-label="Search traces">
      <Select label="Service" value={draft.service} options={serviceOptions} onChange={(v) => set({ service: v, operation: '' })} />
      <Select label="Operation" value={draft.operation} options={opOptions} onChange={(v) => set({ operation: v })} disabled={!draft.service} />
      <TextInput label="Tags" placeholder="http.status_code=500 error=true" value={draft.tags} onChange={(e) => set({ tags: e.target.value })} error={errors.tags} className="tr-tags" />
      <TextInput label="Min duration" placeholder="e.g. 100ms" value={draft.minDuration} onChange={(e) => set({ minDuration: e.target.value })} error={errors.minDuration} className="tr-dur" />
      <TextInput label="Max duration" placeholder="e.g. 2s" value={draft.maxDuration} onChange={(e) => set({ maxDuration: e.target.value })} error={errors.maxDuration} className="tr-dur" />
      <Select label="Lookback" value={draft.lookback} options={withCurrent(LOOKBACKS, draft.lookback).map((l) => ({ value: l, label: `Last ${l}` }))} onChange={(v) => set({ lookback: v })} />
      <Select label="Limit" value={draft.limit} options={withCurrent(LIMITS, draft.limit).map((l) => ({ value: l, label: l }))} onChange={(v) => set({ limit: v })} />
      <Button type="submit" variant="primary" disabled={Object.keys(errors).length > 0}>
        Find traces
      </Button>
    </form>
  );
}
