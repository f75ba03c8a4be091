'use client';

import type { ConfigObjectResponse } from '@/lib/api/istio-config';
import type { ServiceTraffic } from '@/lib/api/traffic';
import { CircuitBreakerWizard } from './CircuitBreakerWizard';
import { FaultInjectionWizard } from './FaultInjectionWizard';
import { RequestRoutingWizard } from './RequestRoutingWizard';
import type { ServiceTool } from './service-url-state';
import { TimeoutsWizard } from './TimeoutsWizard';
import { TrafficShiftEditor } from './TrafficShiftEditor';
import type { VersionTraffic } from './version-stats';
import { serviceRef, type WizardContext } from './wizard-change';

export interface ToolBodyProps {
  tool: ServiceTool;
  traffic: ServiceTraffic;
  live: readonly VersionTraffic[];
  virtualService?: ConfigObjectResponse;
  destinationRule?: ConfigObjectResponse;
}

/**
 * The open traffic tool. A wizard's form starts from the stored objects and then keeps the user's draft; its
 * preview always diffs against what is stored now, so an undo or someone else's edit shows up there.
 */
export function ToolBody({ tool, traffic, live, virtualService, destinationRule }: ToolBodyProps) {
  const ctx: WizardContext = {
    service: serviceRef(traffic.namespace, traffic.service),
    ...(virtualService ? { virtualService } : {}),
    ...(destinationRule ? { destinationRule } : {}),
    subsets: Object.entries(traffic.subsets).map(([name, version]) => ({ name, ...(version ? { version } : {}) })),
  };
  switch (tool) {
    case 'shift':
      return <TrafficShiftEditor traffic={traffic} live={live} {...(virtualService ? { virtualService: virtualService.object } : {})} {...(destinationRule ? { destinationRule: destinationRule.object } : {})} />;
    case 'routing':
      return <RequestRoutingWizard ctx={ctx} />;
    case 'fault':
      return <FaultInjectionWizard ctx={ctx} />;
    case 'timeouts':
      return <TimeoutsWizard ctx={ctx} />;
    case 'breaker':
      return <CircuitBreakerWizard ctx={ctx} />;
  }
}
