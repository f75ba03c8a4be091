'use client';

import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Panel } from '../ui/Panel';
import { SERVICE_TOOLS, TOOL_LABELS, type ServiceTool } from './service-url-state';

/**
 * The traffic tools as tabs (WAI-ARIA tabs: arrows move between them, the panel follows). The open tool is in
 * the URL so a link can open a wizard directly.
 */
export function TrafficTools({ tool, onTool, children }: { tool: ServiceTool; onTool: (t: ServiceTool) => void; children: ReactNode }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent) => {
    const i = SERVICE_TOOLS.indexOf(tool);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? SERVICE_TOOLS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + SERVICE_TOOLS.length) % SERVICE_TOOLS.length;
    const t = SERVICE_TOOLS[j];
    if (t) {
      onTool(t);
      refs.current[j]?.focus();
    }
  };
  return (
    <Panel title="Traffic management" data-testid="traffic-tools">
      <div className="sv-tabs" role="tablist" aria-label="Traffic tools" onKeyDown={onKey}>
        {SERVICE_TOOLS.map((t, i) => (
          <button
            key={t}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`sv-tab-${t}`}
            aria-selected={t === tool}
            aria-controls="sv-tabpanel"
            tabIndex={t === tool ? 0 : -1}
            className="sv-tab"
            onClick={() => onTool(t)}
          >
            {TOOL_LABELS[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="sv-tabpanel" aria-labelledby={`sv-tab-${tool}`} className="sv-tabpanel">
        {children}
      </div>
    </Panel>
  );
}
