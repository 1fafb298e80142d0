import type { Role, RoleGrant } from '../../../libs/access/src/domain/roles.js';
import type { KeyValueStore } from './i18n/i18n.js';

/** Who is signed in in this tab: the bearer token and the grants the API read from it (GET /me). */
export interface Session {
  token: string;
  userId: string;
  grants: RoleGrant[];
  expiresAt: string | null;
  via: 'demo' | 'oidc' | 'token';
}

const KEY = 'pcm.session';

/** The session of this tab (session storage: gone when the tab closes), unless it has expired. */
export function loadSession(storage: KeyValueStore, now = new Date()): Session | null {
  try {
    const session = JSON.parse(storage.getItem(KEY) ?? 'null') as Session | null;
    if (!session || typeof session.token !== 'string' || !Array.isArray(session.grants)) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= now.getTime()) {
      storage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(storage: KeyValueStore, session: Session): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: KeyValueStore): void {
  storage.removeItem(KEY);
}

export function rolesOf(session: Session | null): Role[] {
  return session ? [...new Set(session.grants.map((g) => g.role))] : [];
}
