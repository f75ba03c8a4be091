import { KubeConfig } from '@kubernetes/client-node';
import { ConfigError, type Config } from '../config';
import { KubeAuthApi } from './kube-auth-api';

/**
 * Where sign-ins and access reviews go: the kubeconfig's (or the in-cluster) API server with Meshlens's own
 * credentials, or `--kube-api` (which overrides the URL; without a kubeconfig, TokenReview goes without credentials).
 */
export function kubeAuthApiFor(config: Config): KubeAuthApi {
  const strategy = config.auth?.strategy ?? 'anonymous';
  let kc: KubeConfig | undefined;
  try {
    if (config.kubeconfig) {
      kc = new KubeConfig();
      kc.loadFromFile(config.kubeconfig);
    } else if (config.inCluster) {
      kc = new KubeConfig();
      kc.loadFromCluster();
    }
  } catch (err) {
    throw new ConfigError(`--auth ${strategy}: cannot load the Kubernetes configuration: ${(err as Error).message}`);
  }
  const server = config.auth?.kubeApi ?? kc?.getCurrentCluster()?.server;
  if (!server) {
    throw new ConfigError(`--auth ${strategy} checks people with the Kubernetes API: add --kubeconfig FILE, --in-cluster or --kube-api URL`);
  }
  return new KubeAuthApi(server.replace(/\/+$/, ''), kc);
}
