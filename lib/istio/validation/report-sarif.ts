import type { ValidationMessage } from './model';

/** Minimal SARIF 2.1.0 shapes Meshlens emits (what GitHub code scanning and other SARIF consumers read). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; rules: SarifRule[] } };
    results: SarifResult[];
  }[];
}

interface SarifRule {
  id: string;
  name: string;
  defaultConfiguration: { level: SarifLevel };
}

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } } }[];
  properties: { resource: string; path?: string; aliases?: string[] };
}

const LEVEL: Record<ValidationMessage['level'], SarifLevel> = { Error: 'error', Warning: 'warning', Info: 'note' };

/** Renders messages as a SARIF log with one rule per message code. File paths are used as given (relative URIs). */
export function toSarif(messages: readonly ValidationMessage[], version: string): SarifLog {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const results = messages.map((m): SarifResult => {
    let i = index.get(m.code);
    if (i === undefined) {
      i = rules.length;
      index.set(m.code, i);
      rules.push({ id: m.code, name: m.name, defaultConfiguration: { level: LEVEL[m.level] } });
    }
    const r: SarifResult = { ruleId: m.code, ruleIndex: i, level: LEVEL[m.level], message: { text: `${m.resource}: ${m.message}` }, properties: { resource: m.resource } };
    if (m.path) r.properties.path = m.path;
    if (m.aliases?.length) r.properties.aliases = m.aliases;
    if (m.file) {
      const region = m.line ? { startLine: m.line, ...(m.column ? { startColumn: m.column } : {}) } : undefined;
      r.locations = [{ physicalLocation: { artifactLocation: { uri: encodeURI(m.file) }, ...(region ? { region } : {}) } }];
    }
    return r;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'meshlens', version, rules } }, results }],
  };
}
