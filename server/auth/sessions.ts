import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { openSession, readCookie, sealSession, SESSION_COOKIE, type SessionData } from './session-cookie';

/**
 * Stateless sessions in a sealed cookie, plus an in-memory list of signed-out session ids so a copied cookie stops
 * working at sign-out, not only at expiry. (A restart forgets that list; the cookie's own expiry still holds.)
 */
export class Sessions {
  private readonly revoked = new Map<string, number>();

  constructor(
    private readonly key: Buffer,
    readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(user: { username: string; groups: string[] }, token: string): { value: string; data: SessionData } {
    const data: SessionData = { sid: randomUUID(), sub: user.username, groups: user.groups, token, exp: this.now() + this.ttlMs };
    return { value: sealSession(this.key, data), data };
  }

  /** The request's live session, if any. */
  read(req: IncomingMessage): SessionData | undefined {
    const sealed = readCookie(req, SESSION_COOKIE);
    if (!sealed) return undefined;
    const s = openSession(this.key, sealed, this.now());
    if (!s || this.revoked.has(s.sid)) return undefined;
    return s;
  }

  revoke(s: Pick<SessionData, 'sid' | 'exp'>): void {
    const now = this.now();
    for (const [sid, exp] of this.revoked) if (exp <= now) this.revoked.delete(sid);
    this.revoked.set(s.sid, s.exp);
  }
}
