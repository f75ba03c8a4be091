'use client';

import { useEffect, useMemo, useState } from 'react';
import type { IstioObject } from '@/lib/api/istio-config';
import type { ServiceTraffic } from '@/lib/api/traffic';
import { useDebouncedValue } from '../data/use-istio-validate';
import { useTrafficPreview, useTrafficShift } from '../data/use-service-traffic';
import { Button } from '../ui/Button';
import { ChangeReview, type ReviewState } from './ChangeReview';
import type { VersionTraffic } from './version-stats';
import { allTo, currentWeights, evenSplit, sameWeights, setWeight, sliderKeys, sumOf, type Weights } from './weights-model';
import { WeightSlider } from './WeightSlider';

export interface TrafficShiftEditorProps {
  traffic: ServiceTraffic;
  /** The stored objects, for the diff (absent when the split would create them). */
  virtualService?: IstioObject;
  destinationRule?: IstioObject;
  live: readonly VersionTraffic[];
}

/**
 * The weighted split of the service's catch-all route: one slider per version (sum locked to 100), shortcuts,
 * a dry-run preview (YAML diff + validation) of exactly what Apply will write, and Apply.
 */
export function TrafficShiftEditor({ traffic, virtualService, destinationRule, live }: TrafficShiftEditorProps) {
  const keys = useMemo(() => sliderKeys(traffic), [traffic]);
  const stored = useMemo(() => currentWeights(traffic), [traffic]);
  const [draft, setDraft] = useState<Weights>(stored.weights);
  const [touched, setTouched] = useState(false);
  // Follow the stored split (someone else's change, an undo) until the user starts editing.
  useEffect(() => {
    if (!touched) setDraft(stored.weights);
  }, [stored.weights, touched]);
  const dirty = !sameWeights(draft, stored.weights) || !stored.routed;
  // Dragging a slider passes through many splits: dry-run the one it rests on.
  const settled = useDebouncedValue(draft, 150);
  // Without a weighted route, the shown split is a proposal worth applying as it stands (it creates the route).
  const editing = (touched || !stored.routed) && dirty;
  const previewing = editing && sameWeights(settled, draft);
  const preview = useTrafficPreview(traffic.namespace, traffic.service, editing ? settled : undefined);
  const shift = useTrafficShift(traffic.namespace, traffic.service);
  const edit = (w: Weights) => {
    setTouched(true);
    setDraft(w);
    shift.reset();
  };
  const outcome = preview.data;
  const review: ReviewState = {
    checking: preview.isFetching || !previewing,
    items: outcome?.kind === 'ok'
      ? [
          { label: `DestinationRule ${destinationRule?.metadata.name ?? outcome.data.destinationRule.object.metadata.name}`, ...(destinationRule ? { before: destinationRule } : {}), after: outcome.data.destinationRule.object, validations: outcome.data.destinationRule.validations },
          { label: `VirtualService ${virtualService?.metadata.name ?? outcome.data.virtualService.object.metadata.name}`, ...(virtualService ? { before: virtualService } : {}), after: outcome.data.virtualService.object, validations: outcome.data.virtualService.validations },
        ]
      : [],
    ...(outcome?.kind === 'refused' ? { refused: { message: outcome.message, messages: outcome.messages } } : {}),
    ...(preview.error ? { error: preview.error.message } : outcome?.kind === 'conflict' ? { error: outcome.message } : {}),
  };
  const applied = shift.data;
  const canApply = editing && sumOf(draft) === 100 && previewing && outcome?.kind === 'ok' && !preview.isFetching && !preview.isPlaceholderData && !shift.isPending;
  const apply = () =>
    shift.mutate(draft, {
      onSuccess: (out) => {
        if (out.kind !== 'ok') return;
        setTouched(false);
      },
    });
  // A version missing from a graph that has the service received nothing in the window: that is 0%, not unknown.
  const liveShare = (v: string) => live.find((x) => x.version === v)?.share ?? (live.length > 0 ? 0 : undefined);
  return (
    <div className="sv-shift" data-testid="traffic-shift-editor">
      {keys.length === 0 ? (
        <p className="sv-muted">No versions found behind this service: its pods carry no `version` label, so there is nothing to split.</p>
      ) : (
        <>
          {!stored.routed ? <p className="sv-note">No weighted route yet: requests spread over all pods. Applying creates the VirtualService and DestinationRule subsets.</p> : null}
          <div className="sv-sliders" role="group" aria-label="Weights per version (sum 100%)">
            {keys.map((k) => (
              <WeightSlider key={k} version={k} value={draft[k] ?? 0} stored={stored.weights[k] ?? 0} {...(liveShare(k) !== undefined ? { live: liveShare(k) } : {})} onChange={(v) => edit(setWeight(draft, k, v))} onAllToThis={() => edit(allTo(keys, k))} />
            ))}
          </div>
          <SplitBar weights={draft} />
          <div className="ui-toolbar sv-shift-actions">
            <Button onClick={() => edit(evenSplit(keys))}>Even split</Button>
            <Button onClick={() => { setTouched(false); setDraft(stored.weights); shift.reset(); }} disabled={!touched}>
              Reset
            </Button>
            <span className="sv-sum" aria-live="polite">
              Total {sumOf(draft)}%
            </span>
            <span className="sv-spacer" />
            <Button variant="primary" onClick={apply} disabled={!canApply} data-testid="apply-shift">
              {shift.isPending ? 'Applying…' : 'Apply'}
            </Button>
          </div>
          {applied?.kind === 'ok' && sameWeights(applied.data.weights, traffic.weights) ? <p className="sv-ok-text" role="status">Applied. Traffic follows within seconds; the live share above and the canary panel show it arriving.</p> : null}
          {applied && applied.kind !== 'ok' ? <p className="sv-error-text" role="alert">{applied.message}</p> : null}
          {shift.error ? <p className="sv-error-text" role="alert">{shift.error.message}</p> : null}
          {editing ? <ChangeReview state={review} testId="shift-preview" /> : <p className="sv-muted">Move a slider to preview the change.</p>}
        </>
      )}
    </div>
  );
}

/** The split as one stacked bar, so the proportions read at a glance. */
function SplitBar({ weights }: { weights: Weights }) {
  const entries = Object.entries(weights);
  return (
    <div className="sv-splitbar" aria-hidden="true">
      {entries.map(([k, w], i) => (w > 0 ? <span key={k} className={`sv-c${i % 6}`} style={{ width: `${w}%` }}>{w >= 8 ? `${k} ${w}%` : ''}</span> : null))}
    </div>
  );
}
