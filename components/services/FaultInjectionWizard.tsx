'use client';

import { useState } from 'react';
import type { VirtualService } from '@/lib/istio/types';
import { applyFaultInjection } from '@/lib/istio/traffic/wizards';
import type { IstioObject } from '@/lib/api/istio-config';
import { TextInput } from '../ui/TextInput';
import { changeOf, type WizardContext } from './wizard-change';
import { WizardChange } from './WizardChange';
import { faultFormOf, parseFaultForm, type FaultForm } from './wizard-forms';

/** Fault injection on every route of the service: a fixed delay and/or an abort, each for a share of requests. */
export function FaultInjectionWizard({ ctx }: { ctx: WizardContext }) {
  const vs = ctx.virtualService?.object as VirtualService | undefined;
  const [form, setForm] = useState<FaultForm>(() => faultFormOf(vs));
  const set = (patch: Partial<FaultForm>) => setForm((f) => ({ ...f, ...patch }));
  const parsed = parseFaultForm(form);
  const errors = parsed.ok ? {} : parsed.errors;
  // The preview keys on the change's JSON, so a fresh object each render costs nothing.
  const change = (parsed.ok ? changeOf(applyFaultInjection(ctx.service, vs, parsed.value) as IstioObject, ctx.virtualService) : undefined);
  return (
    <div className="sv-wizard" data-testid="wizard-fault">
      <p className="sv-muted">Injects failures into requests to this service to test how callers cope. Applies to every HTTP route of its VirtualService. Turn both off and apply to remove faults.</p>
      <fieldset className="sv-fieldset">
        <legend>
          <label>
            <input type="checkbox" checked={form.delayOn} onChange={(e) => set({ delayOn: e.target.checked })} /> Delay
          </label>
        </legend>
        <TextInput label="Fixed delay" value={form.delay} disabled={!form.delayOn} onChange={(e) => set({ delay: e.target.value })} {...(errors.delay ? { error: errors.delay } : {})} />
        <TextInput label="Share of requests (%)" inputMode="decimal" value={form.delayPercent} disabled={!form.delayOn} onChange={(e) => set({ delayPercent: e.target.value })} {...(errors.delayPercent ? { error: errors.delayPercent } : {})} />
      </fieldset>
      <fieldset className="sv-fieldset">
        <legend>
          <label>
            <input type="checkbox" checked={form.abortOn} onChange={(e) => set({ abortOn: e.target.checked })} /> Abort
          </label>
        </legend>
        <TextInput label="HTTP status" inputMode="numeric" value={form.abortStatus} disabled={!form.abortOn} onChange={(e) => set({ abortStatus: e.target.value })} {...(errors.abortStatus ? { error: errors.abortStatus } : {})} />
        <TextInput label="Share of requests (%)" inputMode="decimal" value={form.abortPercent} disabled={!form.abortOn} onChange={(e) => set({ abortPercent: e.target.value })} {...(errors.abortPercent ? { error: errors.abortPercent } : {})} />
      </fieldset>
      <WizardChange change={change} target={`VirtualService ${ctx.virtualService?.object.metadata.name ?? ctx.service.metadata.name}`} {...(ctx.virtualService ? { current: ctx.virtualService } : {})} />
    </div>
  );
}
