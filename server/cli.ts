import { ConfigError, SERVE_USAGE } from './config';

const USAGE = `Usage: meshlens <command> [options]

Commands:
  serve      serve the dashboard, API and receivers (what npm start runs)
  demo       run only the demo mesh (Bookinfo) and print where it listens
  validate   validate Istio/Kubernetes YAML files or folders (exit 0 ok, 1 errors, 2 unusable input)

Run 'meshlens <command> --help' for a command's options.
`;

/** Dispatches a CLI command; returns the exit code. Configuration mistakes print one line and return 2. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'serve': {
        if (rest.includes('--help') || rest.includes('-h')) return print(SERVE_USAGE);
        const { runServe } = await import('./main');
        return await runServe(rest);
      }
      case 'demo': {
        if (rest.includes('--help') || rest.includes('-h')) return print('Usage: meshlens demo [--data-dir DIR] [--config-dir DIR] [--demo-rps N] [--log-level LEVEL]\n');
        const { runDemoOnly } = await import('./demo-only');
        return await runDemoOnly(rest);
      }
      case 'build': {
        // Builds the UI when missing or stale (npm test runs it before the browser tests).
        const [{ ensureBuild }, { createLogger }, { ROOT }] = await Promise.all([import('./next-build'), import('./log'), import('./main')]);
        await ensureBuild(ROOT, createLogger('info'));
        return 0;
      }
      case 'validate': {
        const { runValidate } = await import('./cli/validate');
        return await runValidate(rest, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd() });
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return print(USAGE);
      default:
        process.stderr.write(`meshlens: unknown command ${JSON.stringify(cmd)}\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`meshlens: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}
