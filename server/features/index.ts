import type { Feature } from '../core';
import { coreApiFeature } from './core-api';
import { graphFeature } from './graph';
import { istioConfigFeature } from './istio-config';
import { tracesFeature } from './traces';
import { validateFeature } from './validate';
import { workloadsFeature } from './workloads';

/** Every room of the server, started in this order and stopped in reverse. */
export const FEATURES: Feature[] = [coreApiFeature, tracesFeature, graphFeature, validateFeature, istioConfigFeature, workloadsFeature];
