// Who is signed in: tokens in localStorage, single-flight refresh, proactive refresh before expiry.
import { authApi, setAuthHooks, type TokenPair, type User } from '../api';

const KEY = 'remotegpu.session';
/** Refresh this long before the access token expires. */
const EARLY_MS = 60_000;

interface Stored {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  user: User;
}

function load(): Stored | null {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Stored | null;
    return s && s.access_token && s.refresh_token && s.user ? s : null;
  } catch {
    return null;
  }
}

class Session {
  user = $state<User | null>(null);
  private stored: Stored | null = null;
  private refreshing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.stored = load();
    this.user = this.stored?.user ?? null;
    setAuthHooks({
      accessToken: () => this.stored?.access_token ?? null,
      refresh: () => this.refresh(),
      lost: () => this.clear(),
      mustChange: () => {
        if (this.user && this.stored) this.save({ ...this.stored, user: { ...this.user, must_change_password: true } });
      },
    });
    // Another tab logging in or out keeps this one in step.
    window.addEventListener('storage', (e) => {
      if (e.key !== KEY) return;
      this.stored = load();
      this.user = this.stored?.user ?? null;
      this.schedule();
    });
    this.schedule();
  }

  get isAdmin(): boolean {
    return this.user?.role === 'admin';
  }

  /** Where a signed-in user starts. */
  get home(): string {
    if (!this.user) return '/login';
    if (this.user.must_change_password) return '/change-password';
    return this.isAdmin ? '/admin' : '/machines';
  }

  async login(username: string, password: string): Promise<void> {
    this.accept(await authApi.login(username, password));
  }

  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    this.accept(await authApi.changePassword(oldPassword, newPassword));
  }

  async logout(): Promise<void> {
    try {
      if (this.stored) await authApi.logout();
    } catch {
      /* the token may already be dead; signing out locally is what matters */
    }
    this.clear();
  }

  /** Concurrent callers share one refresh request. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => (this.refreshing = null));
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const token = this.stored?.refresh_token;
    if (!token) return false;
    try {
      this.accept(await authApi.refresh(token));
      return true;
    } catch {
      // Another tab may have rotated the token first; adopt its pair if so.
      const other = load();
      if (other && other.refresh_token !== token) {
        this.stored = other;
        this.user = other.user;
        this.schedule();
        return true;
      }
      this.clear();
      return false;
    }
  }

  private accept(pair: TokenPair): void {
    this.save({
      access_token: pair.access_token,
      refresh_token: pair.refresh_token,
      expires_at: Date.now() + pair.expires_in * 1000,
      user: pair.user,
    });
  }

  private save(s: Stored): void {
    this.stored = s;
    this.user = s.user;
    localStorage.setItem(KEY, JSON.stringify(s));
    this.schedule();
  }

  clear(): void {
    this.stored = null;
    this.user = null;
    localStorage.removeItem(KEY);
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.stored) return;
    const wait = Math.max(0, this.stored.expires_at - Date.now() - EARLY_MS);
    this.timer = setTimeout(() => void this.refresh(), Math.min(wait, 2 ** 31 - 1));
  }
}

export const session = new Session();
