// Cursor pagination for "上一页 / 下一页" over `{items, next_cursor}` lists.
// The server only gives a cursor forward, so going back replays the cursor
// that opened the previous page; we keep the stack of those cursors.
// Immutable values: each move returns a new state (easy to test, easy to put in a ref).

export interface CursorPagerState {
  /** Cursors that opened the pages before the current one (first page: null). */
  readonly previous: readonly (string | null)[];
  /** Cursor that opened the current page (null = first page). */
  readonly current: string | null;
  /** next_cursor of the current page's answer (null = last page). */
  readonly next: string | null;
}

export const firstPage: CursorPagerState = { previous: [], current: null, next: null };

/** 1-based number of the current page. */
export function pageNumber(s: CursorPagerState): number {
  return s.previous.length + 1;
}

export function hasPrevious(s: CursorPagerState): boolean {
  return s.previous.length > 0;
}

export function hasNext(s: CursorPagerState): boolean {
  return s.next !== null;
}

/** Record the next_cursor the current page answered with. */
export function loaded(s: CursorPagerState, nextCursor: string | null): CursorPagerState {
  return { ...s, next: nextCursor };
}

/** Move forward: the new page opens with the current page's next cursor. */
export function goNext(s: CursorPagerState): CursorPagerState {
  if (s.next === null) return s;
  return { previous: [...s.previous, s.current], current: s.next, next: null };
}

/** Move back one page (its next cursor is learned again when it loads). */
export function goPrevious(s: CursorPagerState): CursorPagerState {
  if (s.previous.length === 0) return s;
  const previous = s.previous.slice(0, -1);
  return { previous, current: s.previous[s.previous.length - 1] ?? null, next: null };
}
