import type Database from 'better-sqlite3';

/**
 * Service and operation names <-> the small integer ids the span rows and indexes use.
 * Held in memory (a mesh has hundreds, not millions) and written through on first sight.
 */
export class NameIds {
  private readonly serviceIds = new Map<string, number>();
  private readonly serviceNames = new Map<number, string>();
  private readonly opIds = new Map<string, number>();
  private readonly opNames = new Map<number, string>();
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      addService: db.prepare('INSERT INTO services (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id'),
      addOp: db.prepare('INSERT INTO operations (service_id, name) VALUES (?, ?) ON CONFLICT (service_id, name) DO UPDATE SET name = excluded.name RETURNING id'),
    };
    this.reload();
  }

  /** Re-reads both tables (after retention pruned them). */
  reload(): void {
    this.serviceIds.clear();
    this.serviceNames.clear();
    this.opIds.clear();
    this.opNames.clear();
    for (const r of this.db.prepare('SELECT id, name FROM services').all() as { id: number; name: string }[]) {
      this.serviceIds.set(r.name, r.id);
      this.serviceNames.set(r.id, r.name);
    }
    for (const r of this.db.prepare('SELECT id, service_id, name FROM operations').all() as { id: number; service_id: number; name: string }[]) {
      this.opIds.set(`${r.service_id}\u0000${r.name}`, r.id);
      this.opNames.set(r.id, r.name);
    }
  }

  /** The id of a service, created when new (call inside the write transaction). */
  serviceId(name: string): number {
    let id = this.serviceIds.get(name);
    if (id === undefined) {
      id = (this.stmts.addService.get(name) as { id: number }).id;
      this.serviceIds.set(name, id);
      this.serviceNames.set(id, name);
    }
    return id;
  }

  /** The id of a service's operation, created when new. */
  opId(serviceId: number, name: string): number {
    const key = `${serviceId}\u0000${name}`;
    let id = this.opIds.get(key);
    if (id === undefined) {
      id = (this.stmts.addOp.get(serviceId, name) as { id: number }).id;
      this.opIds.set(key, id);
      this.opNames.set(id, name);
    }
    return id;
  }

  findService(name: string): number | undefined {
    return this.serviceIds.get(name);
  }

  findOp(serviceId: number, name: string): number | undefined {
    return this.opIds.get(`${serviceId}\u0000${name}`);
  }

  serviceName(id: number): string {
    return this.serviceNames.get(id) ?? 'unknown';
  }

  opName(id: number): string {
    return this.opNames.get(id) ?? '';
  }

  services(): string[] {
    return [...this.serviceIds.keys()].sort();
  }

  operations(service: string): string[] {
    const sid = this.serviceIds.get(service);
    if (sid === undefined) return [];
    const prefix = `${sid}\u0000`;
    return [...this.opIds.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
  }
}
