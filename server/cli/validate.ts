// `meshlens validate`: validates Istio and Kubernetes YAML files or folders offline, as `istioctl analyze` does,
// for GitOps pipelines. Exit codes: 0 no error-level messages, 1 some, 2 unusable input.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseYamlValue } from '../../lib/istio/bounded-yaml';
import { YAML_LIMITS } from '../../lib/limits/yaml';
import { formatText } from '../../lib/istio/validation/report-text';
import { toSarif } from '../../lib/istio/validation/report-sarif';
import { validate, type ValidateOptions } from '../../lib/istio/validation/validate';
import { parseYamlObjects, type SourceProblem } from '../../lib/istio/validation/yaml-source';
import type { SourcedObject } from '../../lib/istio/validation/model';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** Reads all of standard input (for the `-` path); defaults to process.stdin. */
  stdin?: () => Promise<string>;
}

type Format = 'text' | 'json' | 'sarif';

interface Args {
  format: Format;
  istioNamespace: string;
  meshConfig?: string;
  paths: string[];
  help: boolean;
}

const USAGE = `Usage: meshlens validate [--format text|json|sarif] [--istio-namespace istio-system] [--mesh-config FILE] PATH...

Validates Istio and Kubernetes objects in YAML files or folders (searched recursively for .yaml, .yml, .json;
- reads standard input), with istioctl analyze's checks (IST codes) and Kiali's (KIA codes).
Exit status: 0 when no message is at error level, 1 when some are, 2 when the input cannot be used.
`;

const YAML_EXT = /\.(ya?ml|json)$/i;
const VERSION = '0.1.0';

/** Runs `meshlens validate`; returns the exit code. */
export async function runValidate(argv: string[], io: CliIo): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.stderr(`meshlens validate: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const options: ValidateOptions = { istioNamespace: args.istioNamespace, addDefaultIngress: true, now: Date.now() };
  const problems: SourceProblem[] = [];
  if (args.meshConfig) {
    const mc = await loadMeshConfig(resolve(io.cwd, args.meshConfig)).catch((err: Error) => err);
    if (mc instanceof Error) {
      io.stderr(`meshlens validate: --mesh-config ${args.meshConfig}: ${mc.message}\n`);
      return 2;
    }
    options.meshConfig = mc;
  }
  const objects: SourcedObject[] = [];
  for (const p of args.paths) {
    if (p === '-') {
      // `kustomize build . | meshlens validate -`
      const parsed = parseYamlObjects(await (io.stdin ?? readStdin)(), '<stdin>');
      objects.push(...parsed.objects);
      problems.push(...parsed.problems);
      continue;
    }
    let files: string[];
    try {
      files = await collectFiles(resolve(io.cwd, p), p);
    } catch (err) {
      io.stderr(`meshlens validate: ${p}: ${describeFsError(err)}\n`);
      return 2;
    }
    for (const file of files) {
      const shown = displayPath(io.cwd, file);
      let text: string;
      try {
        // Bounded like every YAML entry point: a file past yaml.maxBytes is one problem, not read at all.
        const size = (await stat(file)).size;
        if (size > YAML_LIMITS.maxBytes) {
          problems.push({ file: shown, message: `input refused: file is ${size} bytes, over the ${YAML_LIMITS.maxBytes}-byte limit (yaml.maxBytes)` });
          continue;
        }
        text = await readFile(file, 'utf8');
      } catch (err) {
        io.stderr(`meshlens validate: ${shown}: ${describeFsError(err)}\n`);
        return 2;
      }
      const parsed = parseYamlObjects(text, shown);
      objects.push(...parsed.objects);
      problems.push(...parsed.problems);
    }
  }
  if (problems.length > 0) {
    for (const pr of problems) io.stderr(`${pr.file}${pr.line ? `:${pr.line}:${pr.column ?? 1}` : ''}: ${pr.message}\n`);
    io.stderr(`meshlens validate: ${problems.length} document(s) could not be read; nothing validated\n`);
    return 2;
  }
  const messages = validate(objects, options);
  if (args.format === 'json') io.stdout(`${JSON.stringify({ messages }, null, 2)}\n`);
  else if (args.format === 'sarif') io.stdout(`${JSON.stringify(toSarif(messages, VERSION), null, 2)}\n`);
  else io.stdout(formatText(messages, objects.length));
  return messages.some((m) => m.level === 'Error') ? 1 : 0;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { format: 'text', istioNamespace: 'istio-system', paths: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '-o':
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new Error(`unknown format ${JSON.stringify(f)} (text, json or sarif)`);
        args.format = f;
        break;
      }
      case '--istio-namespace':
        args.istioNamespace = value();
        break;
      case '--mesh-config':
        args.meshConfig = value();
        break;
      case '--':
        args.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new Error(`unknown flag ${a}`);
        if (a === '-' && args.paths.includes('-')) throw new Error('standard input (-) can be read only once');
        args.paths.push(a);
    }
  }
  if (!args.help && args.paths.length === 0) throw new Error('no PATH given');
  return args;
}

/** YAML files under a path: the file itself, or a folder's .yaml/.yml/.json files, recursively and sorted. */
async function collectFiles(abs: string, given: string): Promise<string[]> {
  const st = await stat(abs);
  if (st.isFile()) return [abs];
  if (!st.isDirectory()) throw new Error(`${given} is neither a file nor a folder`);
  const out: string[] = [];
  const entries = (await readdir(abs, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const child = join(abs, e.name);
    if (e.isDirectory()) out.push(...(await collectFiles(child, join(given, e.name))));
    else if (e.isFile() && YAML_EXT.test(e.name)) out.push(child);
  }
  return out;
}

/** A MeshConfig file: the MeshConfig itself, or the `istio` ConfigMap holding it under `data.mesh`. */
async function loadMeshConfig(file: string): Promise<Record<string, unknown>> {
  const v = yamlValue(await readFile(file, 'utf8'));
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a MeshConfig (expected a YAML mapping)');
  const o = v as Record<string, unknown>;
  const data = o.kind === 'ConfigMap' ? (o.data as Record<string, unknown> | undefined) : undefined;
  if (data && typeof data.mesh === 'string') {
    const inner = yamlValue(data.mesh);
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw new Error('data.mesh is not a YAML mapping');
    return inner as Record<string, unknown>;
  }
  return o;
}

function yamlValue(text: string): unknown {
  const r = parseYamlValue(text, YAML_LIMITS);
  if ('error' in r) throw new Error(r.error);
  return r.value;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function describeFsError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
