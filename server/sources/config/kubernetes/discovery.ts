import { KubeApiError, type KubeClient } from './kube-client';
import { MIRRORED_KINDS, type KindInfo } from './kinds';

/** A kind the API server serves, at the version the store will list, watch and write. */
export interface ServedKind {
  info: KindInfo;
  version: string;
}

export interface DiscoveryResult {
  served: ServedKind[];
  /** Kinds the server does not serve at any version we know (e.g. Istio not installed), with why. */
  missing: { info: KindInfo; message: string }[];
}

/**
 * Finds which version of each mirrored kind the API server serves: `GET /apis/<group>` for the versions, then the
 * group/version's resource list to confirm the kind is there (Istio 1.21 serves networking v1 without every kind).
 * Unreachable server and refused credentials reject, with a message that says which; a group that is simply
 * not installed only marks its kinds missing.
 */
export async function discover(client: KubeClient): Promise<DiscoveryResult> {
  await client.request({ method: 'GET', path: '/api' }).catch((err: unknown) => {
    throw explainStartError(err, client.server);
  });
  const groups = new Map<string, Set<string>>();
  const resources = new Map<string, Set<string> | undefined>();
  const servedVersions = async (group: string): Promise<Set<string>> => {
    if (!group) return new Set(['v1']);
    const known = groups.get(group);
    if (known) return known;
    const doc = await getOptional(client, `/apis/${group}`);
    const versions = new Set<string>(((doc as { versions?: { version?: string }[] } | undefined)?.versions ?? []).flatMap((v) => (v.version ? [v.version] : [])));
    groups.set(group, versions);
    return versions;
  };
  const pluralsOf = async (group: string, version: string): Promise<Set<string> | undefined> => {
    const key = `${group}/${version}`;
    if (resources.has(key)) return resources.get(key);
    const doc = await getOptional(client, group ? `/apis/${group}/${version}` : `/api/${version}`);
    const list = (doc as { resources?: { name?: string }[] } | undefined)?.resources;
    const plurals = list ? new Set(list.flatMap((r) => (r.name ? [r.name] : []))) : undefined;
    resources.set(key, plurals);
    return plurals;
  };

  const result: DiscoveryResult = { served: [], missing: [] };
  for (const info of MIRRORED_KINDS) {
    const versions = await servedVersions(info.group);
    let chosen: string | undefined;
    for (const v of info.versions) {
      if (!versions.has(v)) continue;
      if ((await pluralsOf(info.group, v))?.has(info.plural)) {
        chosen = v;
        break;
      }
    }
    if (chosen) result.served.push({ info, version: chosen });
    else {
      const where = info.group || 'core';
      const message = versions.size === 0
        ? `API group ${where} is not served by the API server (is Istio installed?); ${info.kind} objects are not shown`
        : `${info.kind} is not served at ${info.versions.map((v) => `${where}/${v}`).join(' or ')} (served: ${[...versions].join(', ')})`;
      result.missing.push({ info, message });
    }
  }
  return result;
}

/** A discovery document, or undefined when the server answers 404 (group or version not installed). */
async function getOptional(client: KubeClient, path: string): Promise<unknown> {
  try {
    return await client.request({ method: 'GET', path });
  } catch (err) {
    if (err instanceof KubeApiError && err.status === 404) return undefined;
    throw explainStartError(err, client.server);
  }
}

/** Start-up failures worded for the person running Meshlens, who needs to know what to fix. */
export function explainStartError(err: unknown, server: string): Error {
  if (!(err instanceof KubeApiError)) return err instanceof Error ? err : new Error(String(err));
  if (err.status === 401) return new KubeApiError(401, err.reason, `the Kubernetes API server at ${server} refused the credentials (401 Unauthorized): check the kubeconfig's user token or certificate`);
  if (err.status === 403) return new KubeApiError(403, err.reason, `the Kubernetes API server at ${server} denied API discovery (403 Forbidden): ${err.message}`);
  return err;
}
