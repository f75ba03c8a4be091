import { validate } from '../../../lib/istio/validation/validate';
import { documentSource } from '../../../lib/istio/validation/yaml-source';
import type { SourcedObject, ValidationMessage } from '../../../lib/istio/validation/model';
import { objectKey, resourceName, type K8sObject } from '../../../lib/istio/types';
import type { MeshConfigReader, StoredObject } from '../../sources/config/store';

export type Message = ValidationMessage;

function toInput(o: StoredObject): SourcedObject {
  return o.source ? { object: o.object, source: documentSource(o.source) } : { object: o.object };
}

/** Validates the whole mesh config (objects are checked against each other), cached per store version. */
export class StoreValidation {
  private cachedVersion = -1;
  private cached: Message[] = [];
  private byResource = new Map<string, Message[]>();

  constructor(private readonly store: MeshConfigReader, private readonly now: () => number) {}

  all(): Message[] {
    if (this.cachedVersion !== this.store.version) {
      this.cached = validate(this.store.list().map(toInput), { now: this.now() });
      this.byResource = groupByResource(this.cached);
      this.cachedVersion = this.store.version;
    }
    return this.cached;
  }

  /** Messages about one object. */
  of(o: Pick<K8sObject, 'kind' | 'metadata'>): Message[] {
    this.all();
    return this.byResource.get(resourceName(o)) ?? [];
  }

  /**
   * Validates the config as it would be after some changes (each `next` replaces the object with the same key,
   * `undefined` deletes it) and returns the error-level messages the changes would add, and all messages after.
   */
  errorsAdded(changes: readonly { key: { kind: string; namespace?: string; name: string }; next: K8sObject | undefined }[]): { added: Message[]; after: Message[] } {
    const before = this.all();
    const targets = new Set(changes.map((c) => objectKey(c.key.kind, c.key.namespace, c.key.name)));
    const inputs = this.store
      .list()
      .filter((o) => !targets.has(objectKey(o.object.kind, o.object.metadata.namespace, o.object.metadata.name)))
      .map(toInput);
    for (const c of changes) if (c.next) inputs.push({ object: c.next });
    const after = validate(inputs, { now: this.now() });
    return { added: errorsAddedBetween(before, after), after };
  }
}

/**
 * Error-level messages in `after` beyond those in `before`, counted per (code, resource, path). The message text
 * is not part of the key: a conflict's text names the other objects involved, so removing one of three
 * conflicting objects rewrites the others' messages without adding an error; such a change must not be refused.
 */
export function errorsAddedBetween(before: readonly Message[], after: readonly Message[]): Message[] {
  const budget = new Map<string, number>();
  for (const m of before) if (m.level === 'Error') budget.set(messageKey(m), (budget.get(messageKey(m)) ?? 0) + 1);
  const added: Message[] = [];
  for (const m of after) {
    if (m.level !== 'Error') continue;
    const k = messageKey(m);
    const left = budget.get(k) ?? 0;
    if (left > 0) budget.set(k, left - 1);
    else added.push(m);
  }
  return added;
}

function messageKey(m: Message): string {
  return `${m.code}|${m.resource}|${m.path ?? ''}`;
}

export function groupByResource(messages: readonly Message[]): Map<string, Message[]> {
  const map = new Map<string, Message[]>();
  for (const m of messages) {
    const list = map.get(m.resource);
    if (list) list.push(m);
    else map.set(m.resource, [m]);
  }
  return map;
}
