import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server (server/main.ts) owns /api, /metrics and the receivers; Next renders pages only.
  // `npm test` typechecks the whole tree with tsc; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['better-sqlite3', 'pino', 'prom-client'],
};

export default config;
