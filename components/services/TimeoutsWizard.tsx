'use client';

import { useState } from 'react';
import type { IstioObject } from '@/lib/api/istio-config';
import type { VirtualService } from '@/lib/istio/types';
import { applyTimeouts } from '@/lib/istio/traffic/wizards';
import { TextInput } from '../ui/TextInput';
import { changeOf, type WizardContext } from './wizard-change';
import { WizardChange } from './WizardChange';
import { parseTimeoutForm, timeoutFormOf, type TimeoutForm } from './wizard-forms';

/** Request timeout and retries on every route of the service. */
export function TimeoutsWizard({ ctx }: { ctx: WizardContext }) {
  const vs = ctx.virtualService?.object as VirtualService | undefined;
  const [form, setForm] = useState<TimeoutForm>(() => timeoutFormOf(vs));
  const set = (patch: Partial<TimeoutForm>) => setForm((f) => ({ ...f, ...patch }));
  const parsed = parseTimeoutForm(form);
  const errors = parsed.ok ? {} : parsed.errors;
  // The preview keys on the change's JSON, so a fresh object each render costs nothing.
  const change = (parsed.ok ? changeOf(applyTimeouts(ctx.service, vs, parsed.value) as IstioObject, ctx.virtualService) : undefined);
  return (
    <div className="sv-wizard" data-testid="wizard-timeouts">
      <p className="sv-muted">How long callers wait for this service, and how often Envoy retries a failed request. Leave the timeout empty for none.</p>
      <fieldset className="sv-fieldset">
        <legend>Timeout</legend>
        <TextInput label="Request timeout" placeholder="e.g. 3s" value={form.timeout} onChange={(e) => set({ timeout: e.target.value })} {...(errors.timeout ? { error: errors.timeout } : {})} />
      </fieldset>
      <fieldset className="sv-fieldset">
        <legend>
          <label>
            <input type="checkbox" checked={form.retriesOn} onChange={(e) => set({ retriesOn: e.target.checked })} /> Retries
          </label>
        </legend>
        <TextInput label="Attempts" inputMode="numeric" value={form.attempts} disabled={!form.retriesOn} onChange={(e) => set({ attempts: e.target.value })} {...(errors.attempts ? { error: errors.attempts } : {})} />
        <TextInput label="Per-try timeout" placeholder="e.g. 1s" value={form.perTryTimeout} disabled={!form.retriesOn} onChange={(e) => set({ perTryTimeout: e.target.value })} {...(errors.perTryTimeout ? { error: errors.perTryTimeout } : {})} />
        <TextInput label="Retry on" value={form.retryOn} disabled={!form.retriesOn} onChange={(e) => set({ retryOn: e.target.value })} />
      </fieldset>
      <WizardChange change={change} target={`VirtualService ${ctx.virtualService?.object.metadata.name ?? ctx.service.metadata.name}`} {...(ctx.virtualService ? { current: ctx.virtualService } : {})} />
    </div>
  );
}
