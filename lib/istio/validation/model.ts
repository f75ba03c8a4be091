import type { K8sObject } from '../types';
import type { ValidationMessage } from '../../api/validation';

export type { ValidationMessage };

/** One step of a field path: a map key or a list index. */
export type PathSegment = string | number;

/** Where an object came from: its file and a way to find a field's line/column in the source text. */
export interface ObjectSource {
  file: string;
  /** 1-based position of the field at `path` (or of its closest existing parent); undefined when unknown. */
  locate(path: readonly PathSegment[]): { line: number; column: number } | undefined;
}

/** An input object with optional source positions. */
export interface SourcedObject {
  object: K8sObject;
  source?: ObjectSource;
  /** The cluster the object comes from, when validating several clusters together. */
  cluster?: string;
}

/** Formats a path the way messages print it: `spec.http[0].route[1].destination.subset`. */
export function formatPath(path: readonly PathSegment[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s === '' ? seg : `.${seg}`;
  }
  return s;
}
