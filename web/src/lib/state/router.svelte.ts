// Hash routing: "#/admin/machines?status=online". Filters live in the query so a link reproduces the view.

export type RouteQuery = Record<string, string>;

function parse(hash: string): { path: string; query: RouteQuery } {
  const raw = hash.replace(/^#/, '') || '/';
  const [p, qs = ''] = raw.split('?', 2) as [string, string?];
  const query: RouteQuery = {};
  for (const [k, v] of new URLSearchParams(qs)) query[k] = v;
  return { path: p.startsWith('/') ? p : `/${p}`, query };
}

function format(path: string, query: RouteQuery = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== '' && v !== undefined) qs.set(k, v);
  const s = qs.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

class Router {
  path = $state('/');
  query = $state<RouteQuery>({});

  constructor() {
    this.sync();
    window.addEventListener('hashchange', () => this.sync());
  }

  private sync(): void {
    const r = parse(location.hash);
    this.path = r.path;
    this.query = r.query;
  }

  href(path: string, query?: RouteQuery): string {
    return format(path, query);
  }

  go(path: string, query?: RouteQuery): void {
    const target = format(path, query);
    if (location.hash === target) return;
    location.hash = target; // fires hashchange -> sync
  }

  /** Replace the current entry (filters, redirects) without growing history. */
  replace(path: string, query?: RouteQuery): void {
    history.replaceState(history.state, '', format(path, query));
    this.sync();
  }

  /** Merge into the query; empty values are dropped. Changing a filter resets paging unless given. */
  setQuery(patch: RouteQuery, resetPage = true): void {
    const next: RouteQuery = { ...this.query, ...patch };
    if (resetPage && !('page' in patch)) delete next.page;
    for (const k of Object.keys(next)) if (!next[k]) delete next[k];
    this.replace(this.path, next);
  }

  /** Match "/admin/machines/:id" against the current path; null when it does not fit. */
  match(pattern: string): Record<string, string> | null {
    const a = pattern.split('/');
    const b = this.path.split('/');
    if (a.length !== b.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < a.length; i++) {
      const seg = a[i]!;
      if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(b[i]!);
      else if (seg !== b[i]) return null;
    }
    return params;
  }
}

export const router = new Router();
