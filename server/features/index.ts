import type { Feature } from '../core';
import { coreApiFeature } from './core-api';

/** Every room of the server, started in this order and stopped in reverse. */
export const FEATURES: Feature[] = [coreApiFeature];
