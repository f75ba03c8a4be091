import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { openSession, readCookie, sealSession, SESSION_COOKIE, type SessionData } from './session-cookie';

/** What fits in one cookie with its name and attributes under the 4096-byte limit browsers apply. */
const MAX_COOKIE_VALUE = 3_900;

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

  /**
   * A sealed session, or undefined when even without its groups it would not fit a browser cookie (browsers
   * silently drop cookies over 4 KiB, which would look like a sign-in that did nothing).
   */
  issue(user: { username: string; groups: string[] }, token: string): { value: string; data: SessionData } | undefined {
    const data: SessionData = { sid: randomUUID(), sub: user.username, groups: user.groups, token, exp: this.now() + this.ttlMs };
    const value = sealSession(this.key, data);
    if (value.length <= MAX_COOKIE_VALUE) return { value, data };
    // Groups are looked up again on every request anyway (the cached TokenReview), so they can go.
    const lean = { ...data, groups: [] };
    const leanValue = sealSession(this.key, lean);
    return leanValue.length <= MAX_COOKIE_VALUE ? { value: leanValue, data: { ...lean, groups: user.groups } } : undefined;
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
