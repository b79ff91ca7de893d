// Loading state of one server-paged list: items, total, loading and error.
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
