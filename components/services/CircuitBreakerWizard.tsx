'use client';

import { useState } from 'react';
import type { IstioObject } from '@/lib/api/istio-config';
import type { DestinationRule } from '@/lib/istio/types';
import { applyCircuitBreaker } from '@/lib/istio/traffic/wizards';
import { TextInput } from '../ui/TextInput';
import { changeOf, type WizardContext } from './wizard-change';
import { WizardChange } from './WizardChange';
import { breakerFormOf, parseBreakerForm, type BreakerForm } from './wizard-forms';

/** Connection pool limits and outlier detection on the service's DestinationRule. */
export function CircuitBreakerWizard({ ctx }: { ctx: WizardContext }) {
  const dr = ctx.destinationRule?.object as DestinationRule | undefined;
  const [form, setForm] = useState<BreakerForm>(() => breakerFormOf(dr));
  const set = (patch: Partial<BreakerForm>) => setForm((f) => ({ ...f, ...patch }));
  const parsed = parseBreakerForm(form);
  const errors = parsed.ok ? {} : parsed.errors;
  // The preview keys on the change's JSON, so a fresh object each render costs nothing.
  const change = (parsed.ok ? changeOf(applyCircuitBreaker(ctx.service, dr, parsed.value) as IstioObject, ctx.destinationRule) : undefined);
  const field = (key: keyof BreakerForm, label: string, on: boolean) => (
    <TextInput label={label} value={String(form[key])} disabled={!on} onChange={(e) => set({ [key]: e.target.value } as Partial<BreakerForm>)} {...(errors[key] ? { error: errors[key] } : {})} />
  );
  return (
    <div className="sv-wizard" data-testid="wizard-breaker">
      <p className="sv-muted">Limits what callers may pile onto this service, and ejects pods that keep failing. Written to the DestinationRule&apos;s traffic policy; turn both off and apply to remove it.</p>
      <fieldset className="sv-fieldset">
        <legend>
          <label>
            <input type="checkbox" checked={form.poolOn} onChange={(e) => set({ poolOn: e.target.checked })} /> Connection pool
          </label>
        </legend>
        {field('maxConnections', 'Max connections', form.poolOn)}
        {field('maxPending', 'Max pending requests', form.poolOn)}
        {field('maxPerConnection', 'Max requests per connection', form.poolOn)}
      </fieldset>
      <fieldset className="sv-fieldset">
        <legend>
          <label>
            <input type="checkbox" checked={form.outlierOn} onChange={(e) => set({ outlierOn: e.target.checked })} /> Outlier detection
          </label>
        </legend>
        {field('consecutive5xx', 'Consecutive 5xx errors', form.outlierOn)}
        {field('interval', 'Interval', form.outlierOn)}
        {field('baseEjection', 'Base ejection time', form.outlierOn)}
        {field('maxEjectionPercent', 'Max ejection (%)', form.outlierOn)}
      </fieldset>
      <WizardChange change={change} target={`DestinationRule ${ctx.destinationRule?.object.metadata.name ?? ctx.service.metadata.name}`} {...(ctx.destinationRule ? { current: ctx.destinationRule } : {})} />
    </div>
  );
}
