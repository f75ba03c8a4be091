import type { YamlLimits } from '../limits/yaml';

/** Why a JSON text was refused before `JSON.parse` ran. */
export interface JsonRefusal {
  limit: keyof YamlLimits;
  message: string;
  offset: number;
}

/**
 * One pass over a JSON text's bytes (strings skipped, escapes honoured) that checks nesting depth, members per
 * object and values in all against the YAML limits, before `JSON.parse` builds anything: a body nested 80k levels
 * deep parses fine but overflows the stack of whatever walks it next (merge patch, validation, `structuredClone`).
 * Malformed JSON is left to `JSON.parse`, which reports it; only bounds are checked here.
 */
export function checkJsonBounds(text: string, limits: YamlLimits): JsonRefusal | undefined {
  // Per open container: -1 for an array, else the object's member count so far.
  const open: number[] = [];
  let values = 0;
  let sawValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: to the next quote not escaped.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      sawValue = true;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      open.push(c === 0x7b ? 0 : -1);
      if (open.length > limits.maxDepth) return { limit: 'maxDepth', message: `nested deeper than ${limits.maxDepth} levels`, offset: i };
      if (++values > limits.maxNodes) return { limit: 'maxNodes', message: `more than ${limits.maxNodes} values`, offset: i };
      sawValue = false;
    } else if (c === 0x7d || c === 0x5d) {
      if (sawValue) values++;
      open.pop();
      sawValue = true;
    } else if (c === 0x2c || c === 0x3a) {
      if (c === 0x2c && sawValue && ++values > limits.maxNodes) return { limit: 'maxNodes', message: `more than ${limits.maxNodes} values`, offset: i };
      const top = open.length - 1;
      if (c === 0x3a && top >= 0 && (open[top] as number) >= 0 && (open[top] = (open[top] as number) + 1) > limits.maxKeysPerMapping) {
        return { limit: 'maxKeysPerMapping', message: `an object has more than ${limits.maxKeysPerMapping} members`, offset: i };
      }
      sawValue = false;
    } else if (c > 0x20) sawValue = true;
  }
  return undefined;
}
