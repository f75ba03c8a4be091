import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadConfig, type Config } from './config';
import type { Core, FeatureHandle } from './core';
import { DEMO_CONFIG_DIR, startDemo, type RunningDemo } from './demo';
import { FEATURES } from './features';
import { createHttpServer, type NextHandler } from './http/server';
import { Router } from './http/router';
import { createAuth } from './auth';
import { createLogger } from './log';
import type { DemoTracer } from './demo/tracing/types';
import { ensureBuild } from './next-build';
import { FileConfigStore } from './sources/config/file-store';
import { KubernetesConfigStore } from './sources/config/kubernetes/kubernetes-store';
import type { MeshConfigStore } from './sources/config/store';
import { ConfigHistory } from './stores/history/journal';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = '0.1.0';

export interface RunningServer {
  url: string;
  core: Core;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Serve pages through Next (off for API-only tests). */
  ui?: boolean;
  log?: Logger;
}

/**
 * Starts the whole process: config store, demo mesh, features, one HTTP listener (API + receivers + Next).
 * Returns once the listener accepts connections.
 */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel);
  const startedAt = Date.now();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meshlens_' });

  // Refuses unsafe or broken set-ups (e.g. no auth choice off loopback) before anything binds.
  const auth = await createAuth({ config, log });
  const store = await openConfigStore(config, log);
  const router = new Router();
  const state: { next?: NextHandler; ready: boolean } = { ready: false };
  const { server, inFlight } = createHttpServer({
    router,
    log,
    registry,
    state,
    auth: auth.hook,
    edge: { bindHost: config.host, ...(config.publicUrls ? { publicUrls: config.publicUrls } : {}), ...(config.allowedHosts ? { allowedHosts: config.allowedHosts } : {}) },
    ...(config.limits ? { limits: config.limits.http } : {}),
  });
  // Bind first, so a port in use fails in a second rather than after a build; until ready, answers are 503.
  try {
    await listen(server, config);
  } catch (err) {
    await store.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const baseUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closeNext: (() => Promise<void>) | undefined;
  if (opts.ui !== false) {
    try {
      if (!config.dev) await ensureBuild(ROOT, log);
      process.env.NEXT_TELEMETRY_DISABLED = '1';
      const { default: createNext } = await import('next');
      const app = createNext({ dev: config.dev, dir: ROOT, hostname: config.host, port, quiet: true });
      await app.prepare();
      const handler = app.getRequestHandler();
      state.next = (req, res) => handler(req, res);
      closeNext = () => app.close();
    } catch (err) {
      server.close();
      await store.close();
      throw err;
    }
  }

  const history = await ConfigHistory.open(config.dataDir);
  const core: Core = { config: { ...config, port }, log, registry, configStore: store, history, baseUrl, now: () => Date.now() };
  let demo: RunningDemo | undefined;
  if (config.demo) {
    const tracer = await loadDemoTracer(baseUrl, log);
    demo = await startDemo({ dataDir: config.dataDir, configStore: store, rps: config.demoRps, log, ...(tracer ? { tracer } : {}) });
    core.demo = demo;
  }

  auth.attach(core);
  router.add(...auth.routes);
  const handles: { name: string; handle: FeatureHandle }[] = [];
  for (const f of FEATURES) {
    const handle = await f.start(core);
    router.add(...handle.routes);
    handles.push({ name: f.name, handle });
  }
  router.add(
    {
      method: 'GET',
      path: '/api/health',
      handler: () => ({
        body: {
          status: 'ok',
          version: VERSION,
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          demo: Boolean(demo),
          features: Object.fromEntries(handles.map(({ name, handle }) => [name, handle.status?.() ?? 'ok'])),
        },
      }),
    },
    { method: 'GET', path: '/metrics', handler: async () => ({ text: await registry.metrics(), contentType: registry.contentType }) },
  );
  state.ready = true;
  log.info({ url: baseUrl, demo: Boolean(demo), configDir: config.configDir, dataDir: config.dataDir }, `Meshlens listening on ${baseUrl}`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // The demo is a client of this server (it posts spans here): stop it and flush its spans first.
      await demo?.stop();
      log.info('shutting down: no new connections, finishing in-flight requests');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + 10_000;
      while (inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      server.closeAllConnections();
      await closed;
      for (const { name, handle } of handles.reverse()) {
        await handle.stop?.().catch((err: unknown) => log.error({ err, feature: name }, 'feature stop failed'));
      }
      await store.close();
      await closeNext?.().catch(() => undefined);
      log.info('stopped');
    })());
  return { url: baseUrl, core, stop };
}

/** The config store the configuration asks for: the Kubernetes API (kubeconfig or in-cluster), else the YAML folder. */
async function openConfigStore(config: Config, log: Logger): Promise<MeshConfigStore & { close(): Promise<void> }> {
  if (config.kubeconfig || config.inCluster) {
    try {
      return await KubernetesConfigStore.open({ ...(config.kubeconfig ? { kubeconfigPath: config.kubeconfig } : {}), inCluster: config.inCluster, log });
    } catch (err) {
      throw new ListenError(`cannot use the Kubernetes API as the config store: ${(err as Error).message}`);
    }
  }
  return FileConfigStore.open({ dir: config.configDir, log, ...(config.limits ? { limits: config.limits.yaml } : {}), ...(config.demo ? { seedFrom: DEMO_CONFIG_DIR } : {}) });
}

function listen(server: Server, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new ListenError(`port ${config.port} on ${config.host} is already in use (choose another with --port or PORT)`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new ListenError(`cannot bind to ${config.host}: no such local address (check --host or MESHLENS_HOST)`));
      else if (err.code === 'EACCES') reject(new ListenError(`no permission to listen on ${config.host}:${config.port}`));
      else reject(err);
    });
    server.listen(config.port, config.host, () => resolve());
  });
}

/** A start-up problem (port, address, config source) with one clear line for the person running it. */
export class ListenError extends Error {}

/** The span-reporting demo tracer, when the traces feature provides one. */
async function loadDemoTracer(baseUrl: string, log: Logger) {
  try {
    // A variable specifier: the tracer module is optional (the demo runs with the no-op tracer without it).
    const specifier = './demo/tracing/index';
    const mod = (await import(specifier)) as { createDemoTracer?: (o: { baseUrl: string; log: Logger }) => DemoTracer };
    return mod.createDemoTracer?.({ baseUrl, log });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

/** `meshlens serve`: runs until SIGTERM/SIGINT, then shuts down gracefully. */
export async function runServe(argv: string[]): Promise<number> {
  const config = loadConfig(argv, process.env);
  const log = createLogger(config.logLevel);
  let running: RunningServer;
  try {
    running = await startServer(config, { log });
  } catch (err) {
    if (err instanceof ListenError) {
      process.stderr.write(`meshlens: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  // A second signal, or a shutdown that hangs, ends the process anyway.
  const force = (why: string) => {
    process.stderr.write(`meshlens: ${why}; exiting now\n`);
    process.exit(1);
  };
  process.once('SIGINT', () => force('second signal'));
  process.once('SIGTERM', () => force('second signal'));
  setTimeout(() => force('shutdown took longer than 30 s'), 30_000).unref();
  await running.stop();
  return 0;
}
