/**
 * TEST LAUNCHER for e2e/auth.spec.ts: a fake Kubernetes auth API and a token-mode Meshlens (API + the built UI) on
 * free loopback ports. Prints `meshlens-auth-e2e-ready {"url": ...}` on stdout once both answer; stops on SIGTERM/SIGINT.
 * Run with `node --import tsx server/auth/testing/e2e-auth-server.ts`.
 */
import { FakeKubeAuthApi } from './fake-kube-auth-api';
import { startAuthApiServer } from './auth-api-server';

/** Next may print its own lines on stdout; the spec waits for this one. */
const READY = 'meshlens-auth-e2e-ready';
const kube = await FakeKubeAuthApi.start();
// The viewer sees bookinfo and may read, not change, its routing.
kube.addUser('e2e-viewer-token', { username: 'viewer@example.com', groups: ['viewers'] },
  { verbs: ['get', 'list', 'watch'], groups: [''], resources: ['pods', 'namespaces'], namespaces: ['bookinfo'] },
  { verbs: ['get', 'list', 'watch'], groups: ['networking.istio.io'], resources: ['*'], namespaces: ['bookinfo'] });
// Every browser test signs in afresh from the same address: the sign-in rate limit (tested in server/auth) is loosened.
const server = await startAuthApiServer({ strategy: 'token', kubeApi: kube.url, sessionTtlMs: 3_600_000 }, { ui: true, limits: { login: { burst: 50, perSecond: 1 } } });
process.stdout.write(`${READY} ${JSON.stringify({ url: server.url })}\n`);

const stop = async () => {
  await server.close();
  await kube.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
