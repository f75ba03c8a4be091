'use client';

import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import {
  AppDetailSchema, AppListSchema, appPath, appsPath, ConfigDumpSchema, configDumpPath, ConfigResourceSchema, PodLogsSchema, podLogsPath,
  WorkloadDetailSchema, WorkloadListSchema, workloadPath, workloadsPath, type ConfigResource,
} from '@/lib/api/workloads';
import { apiGet } from './api-client';

/** Query keys of the workloads feature, general to specific. */
export const workloadKeys = {
  all: ['workloads'] as const,
  list: (ns: string) => ['workloads', 'list', ns] as const,
  detail: (ns: string, name: string) => ['workloads', 'detail', ns, name] as const,
  apps: (ns: string) => ['workloads', 'apps', ns] as const,
  app: (ns: string, name: string) => ['workloads', 'app', ns, name] as const,
  logs: (ns: string, pod: string, container: string, maxLines: number) => ['workloads', 'logs', ns, pod, container, maxLines] as const,
  config: (ns: string, pod: string, resource: ConfigResource | 'raw') => ['workloads', 'config', ns, pod, resource] as const,
};

export const WORKLOADS_POLL_MS = 10_000;
/** Follow mode polls the logs this often. */
export const LOG_FOLLOW_MS = 2_000;

/** The workloads of several namespaces (one request each, as Kiali's API is per namespace). */
export function useWorkloadLists(namespaces: string[]) {
  return useQueries({
    queries: namespaces.map((ns) => ({
      queryKey: workloadKeys.list(ns),
      queryFn: ({ signal }: { signal: AbortSignal }) => apiGet(workloadsPath(ns), WorkloadListSchema, { signal }),
      refetchInterval: WORKLOADS_POLL_MS,
    })),
  });
}

export function useWorkload(ns: string, name: string) {
  return useQuery({ queryKey: workloadKeys.detail(ns, name), queryFn: ({ signal }) => apiGet(workloadPath(ns, name), WorkloadDetailSchema, { signal }), refetchInterval: WORKLOADS_POLL_MS });
}

export function useAppLists(namespaces: string[]) {
  return useQueries({
    queries: namespaces.map((ns) => ({
      queryKey: workloadKeys.apps(ns),
      queryFn: ({ signal }: { signal: AbortSignal }) => apiGet(appsPath(ns), AppListSchema, { signal }),
      refetchInterval: WORKLOADS_POLL_MS,
    })),
  });
}

export function useApp(ns: string, name: string) {
  return useQuery({ queryKey: workloadKeys.app(ns, name), queryFn: ({ signal }) => apiGet(appPath(ns, name), AppDetailSchema, { signal }), refetchInterval: WORKLOADS_POLL_MS });
}

/** One container's log; `follow` polls it. Disabled until a pod is known. */
export function usePodLogs(ns: string, pod: string | undefined, container: string | undefined, maxLines: number, follow: boolean) {
  return useQuery({
    queryKey: workloadKeys.logs(ns, pod ?? '', container ?? '', maxLines),
    queryFn: ({ signal }) => apiGet(podLogsPath(ns, pod as string, { container: container as string, maxLines }), PodLogsSchema, { signal }),
    enabled: Boolean(pod && container),
    refetchInterval: follow ? LOG_FOLLOW_MS : false,
    placeholderData: keepPreviousData,
  });
}

/** One table of the proxy's config (routes, clusters...), with its sync state. */
export function useProxyConfig(ns: string, pod: string | undefined, resource: ConfigResource) {
  return useQuery({
    queryKey: workloadKeys.config(ns, pod ?? '', resource),
    queryFn: ({ signal }) => apiGet(configDumpPath(ns, pod as string, resource), ConfigResourceSchema, { signal }),
    enabled: Boolean(pod),
    refetchInterval: WORKLOADS_POLL_MS,
  });
}

/** The raw config dump (large: fetched only when asked for, not polled). */
export function useConfigDump(ns: string, pod: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: workloadKeys.config(ns, pod ?? '', 'raw'),
    queryFn: ({ signal }) => apiGet(configDumpPath(ns, pod as string), ConfigDumpSchema, { signal }),
    enabled: Boolean(pod) && enabled,
  });
}
