import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/client';
import { useCursorList } from './composables';

type Page = { items: number[]; next_cursor: string | null; total: number };

/** A fake paged server over 1..n, `size` per page; cursors are the next start. */
function server(n: number, size: number) {
  const calls: (string | null)[] = [];
  const fetchPage = async (cursor: string | null): Promise<Page> => {
    calls.push(cursor);
    const start = cursor ? Number(cursor) : 1;
    const items = Array.from({ length: Math.max(0, Math.min(size, n - start + 1)) }, (_, i) => start + i);
    const next = start + size <= n ? String(start + size) : null;
    return { items, next_cursor: next, total: n };
  };
  return { calls, fetchPage };
}

describe('useCursorList', () => {
  it('loads page after page until the last, then stops asking', async () => {
    const s = server(5, 2);
    let firstTotal = 0;
    const list = useCursorList<number, Page>(s.fetchPage, (p) => p, (p) => (firstTotal = p.total));
    await list.refresh();
    expect(list.items.value).toEqual([1, 2]);
    expect(list.finished.value).toBe(false);
    expect(list.loaded.value).toBe(true);
    expect(firstTotal).toBe(5);
    await list.loadMore();
    await list.loadMore();
    expect(list.items.value).toEqual([1, 2, 3, 4, 5]);
    expect(list.finished.value).toBe(true);
    expect(list.loading.value).toBe(false);
    await list.loadMore();
    expect(s.calls).toEqual([null, '3', '5']);
  });

  it('starts again from the first page on refresh, keeping the old items until it answers', async () => {
    const s = server(3, 2);
    const list = useCursorList<number, Page>(s.fetchPage, (p) => p);
    await list.refresh();
    await list.loadMore();
    expect(list.items.value).toEqual([1, 2, 3]);
    const again = list.refresh();
    expect(list.items.value).toEqual([1, 2, 3]);
    await again;
    expect(list.items.value).toEqual([1, 2]);
    expect(list.finished.value).toBe(false);
  });

  it('shares one request between concurrent loadMore calls', async () => {
    const s = server(10, 2);
    const list = useCursorList<number, Page>(s.fetchPage, (p) => p);
    await Promise.all([list.refresh(), list.loadMore(), list.loadMore()]);
    expect(s.calls).toEqual([null]);
  });

  it('ignores an answer that arrives after a refresh started', async () => {
    let release: (p: Page) => void = () => undefined;
    let n = 0;
    const list = useCursorList<number, Page>(
      () => {
        n += 1;
        if (n === 1) return new Promise<Page>((resolve) => (release = resolve));
        return Promise.resolve({ items: [100], next_cursor: null, total: 1 });
      },
      (p) => p,
    );
    const stale = list.refresh();
    await list.refresh();
    release({ items: [1, 2], next_cursor: 'x', total: 2 });
    await stale;
    expect(list.items.value).toEqual([100]);
    expect(list.finished.value).toBe(true);
  });

  it('marks an API failure as failed (Vant List shows "retry") and retries on the next load', async () => {
    let fail = true;
    const list = useCursorList<number, Page>(
      async () => {
        if (fail) throw new ApiError(500, 'internal', 'boom');
        return { items: [1], next_cursor: null, total: 1 };
      },
      (p) => p,
    );
    await list.refresh();
    expect(list.failed.value).toBe(true);
    expect(list.loading.value).toBe(false);
    fail = false;
    await list.loadMore();
    expect(list.failed.value).toBe(false);
    expect(list.items.value).toEqual([1]);
  });
});
