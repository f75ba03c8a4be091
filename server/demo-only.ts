import { loadConfig } from './config';
import { startDemo } from './demo';
import { createLogger } from './log';

/** `meshlens demo`: the demo mesh alone, until SIGINT/SIGTERM. */
export async function runDemoOnly(argv: string[]): Promise<number> {
  const config = loadConfig(argv, process.env);
  const log = createLogger(config.logLevel);
  const demo = await startDemo({ dataDir: config.dataDir, configDir: config.configDir, rps: config.demoRps, log });
  process.stdout.write(
    `Demo mesh running.\n  ingress gateway: ${demo.gatewayUrl}/productpage\n  istiod metrics:  ${demo.istiodUrl}/metrics\n  scrape targets:  ${config.dataDir}/demo/targets.json (Prometheus file_sd)\n  config folder:   ${config.configDir}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await demo.stop();
  return 0;
}
