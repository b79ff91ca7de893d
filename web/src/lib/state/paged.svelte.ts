// Loading state of one server-paged list: items, total, loading and error.
import { untrack } from 'svelte';
import type { Page, Query } from '../api';

export class PagedList<T> {
  items = $state<T[]>([]);
  total = $state(0);
  page = $state(1);
  pageSize = $state(20);
  loading = $state(true);
  error = $state<unknown>(null);
  private seq = 0;

  constructor(private readonly fetcher: (q: Query) => Promise<Page<T>>) {}

  get pages(): number {
    return Math.max(1, Math.ceil(this.total / this.pageSize));
  }

  /** Loads now and whenever the query changes (call while a page is set up); returns a reload. */
  follow(query: () => Query): () => Promise<void> {
    $effect(() => {
      const q = query();
      untrack(() => void this.load(q));
    });
    return () => this.load(query());
  }

  async load(q: Query): Promise<void> {
    const mine = ++this.seq; // a slower earlier request must not overwrite a newer one
    this.loading = true;
    this.error = null;
    try {
      const data = await this.fetcher(q);
      if (mine !== this.seq) return;
      this.items = data.items;
      this.total = data.total;
      this.page = data.page;
      this.pageSize = data.page_size;
    } catch (e) {
      if (mine !== this.seq) return;
      this.error = e;
      this.items = [];
    } finally {
      if (mine === this.seq) this.loading = false;
    }
  }
}
