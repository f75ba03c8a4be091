import type { Feature } from '../core';
import { ConfigHistory } from '../stores/history/journal';
import { configRoutes } from './istio-config/routes';
import { trafficRoutes } from './istio-config/traffic-routes';
import { StoreValidation } from './istio-config/validation';

/** The Istio config API (Kiali-compatible paths): list with validations, CRUD with dry run, conflicts and 422, history and rollback. */
export const istioConfigFeature: Feature = {
  name: 'istio-config',
  async start(core) {
    const history = core.history ?? (await ConfigHistory.open(core.config.dataDir));
    // Writes interrupted by a crash: decide from the store whether each happened, before any new write.
    const settled = await history.reconcile(core.configStore);
    if (settled.done.length + settled.aborted.length > 0) core.log.warn(settled, 'config history: settled writes interrupted by a restart');
    const validation = new StoreValidation(core.configStore, core.now);
    return {
      routes: [...configRoutes({ core, validation, history }), ...trafficRoutes({ core, validation, history })],
      status: () => ({ store: core.configStore.kind, objects: core.configStore.list().length, loadErrors: core.configStore.errors().length }),
    };
  },
};
