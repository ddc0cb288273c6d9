import type { Tokens } from '../api/types';

const STORAGE_KEY = 'inbox.session';
/** Refresh this long before the access token expires, so requests never meet an expired one. */
const REFRESH_AHEAD_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

function read(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const value = raw ? (JSON.parse(raw) as StoredSession) : null;
    return value && typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' ? value : null;
  } catch {
    // Storage disabled or a corrupt entry: start signed out rather than fail to load.
    return null;
  }
}

/**
 * The signed-in session: tokens kept in localStorage so a reload or a second
 * tab stays signed in. Refresh tokens rotate, so tabs refresh one at a time
 * (Web Locks) and each tab adopts what another stored (storage events).
 */
export class Session {
  private current: StoredSession | null = read();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<boolean> | null = null;

  constructor() {
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY) return;
      this.current = read();
      this.schedule();
      this.emit();
    });
    this.schedule();
  }

  get accessToken(): string | null {
    return this.current?.accessToken ?? null;
  }

  get signedIn(): boolean {
    return this.current !== null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signIn(tokens: Tokens): void {
    this.store({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + tokens.expiresIn * 1000 });
  }

  signOut(): void {
    this.current = null;
    localStorage.removeItem(STORAGE_KEY);
    clearTimeout(this.timer);
    this.emit();
  }

  /** The refresh token, for logging out on the server. */
  get refreshToken(): string | null {
    return this.current?.refreshToken ?? null;
  }

  /**
   * Gets a fresh access token. `stale` is the token a request was refused
   * with: if another tab already replaced it, that one is used instead.
   * Resolves false when the session is over (signed out).
   */
  refresh(stale: string | null = this.accessToken): Promise<boolean> {
    this.inFlight ??= this.refreshOnce(stale).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async refreshOnce(stale: string | null): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      const stored = read();
      if (!stored) {
        this.signOut();
        return false;
      }
      if (stored.accessToken !== stale && stored.expiresAt - Date.now() > REFRESH_AHEAD_MS) {
        this.current = stored;
        this.schedule();
        this.emit();
        return true;
      }
      let response: Response;
      try {
        response = await fetch('/api/v1/auth/refresh', {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: stored.refreshToken }),
        });
      } catch {
        // Offline: keep the session and try again shortly; the socket shows the connection state.
        this.retrySoon();
        return false;
      }
      if (response.status === 401 || response.status === 400) {
        this.signOut();
        return false;
      }
      if (!response.ok) {
        this.retrySoon();
        return false;
      }
      this.signIn((await response.json()) as Tokens);
      return true;
    };
    return navigator.locks ? navigator.locks.request('inbox.session.refresh', run) : run();
  }

  private store(session: StoredSession): void {
    this.current = session;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.schedule();
    this.emit();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.current) return;
    const delay = Math.max(this.current.expiresAt - Date.now() - REFRESH_AHEAD_MS, MIN_REFRESH_DELAY_MS);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private retrySoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), MIN_REFRESH_DELAY_MS * 2);
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}

export const session = new Session();
