import type { Page } from '../api/types';

/** Follows next_cursor until the end and returns every item. For small,
 *  bounded lists only (branches, departments), never for employees. */
export async function collectAll<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await fetchPage(cursor);
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}
