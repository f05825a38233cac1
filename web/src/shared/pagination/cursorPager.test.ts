import { describe, expect, it } from 'vitest';
import { firstPage, goNext, goPrevious, hasNext, hasPrevious, loaded, pageNumber, type CursorPagerState } from './cursorPager';

const view = (s: CursorPagerState) => ({ page: pageNumber(s), cursor: s.current, prev: hasPrevious(s), next: hasNext(s) });

describe('cursor pager', () => {
  it('walks forward and back replaying the cursor of each page', () => {
    let s = loaded(firstPage, 'c2'); // page 1 answered next_cursor c2
    expect(view(s)).toEqual({ page: 1, cursor: null, prev: false, next: true });

    s = loaded(goNext(s), 'c3'); // page 2 opened with c2
    expect(view(s)).toEqual({ page: 2, cursor: 'c2', prev: true, next: true });

    s = loaded(goNext(s), null); // page 3 opened with c3, last page
    expect(view(s)).toEqual({ page: 3, cursor: 'c3', prev: true, next: false });
    expect(s.previous).toEqual([null, 'c2']);

    s = goPrevious(s); // back to page 2: reload with c2
    expect(view(s)).toEqual({ page: 2, cursor: 'c2', prev: true, next: false });
    s = loaded(s, 'c3');

    s = goPrevious(s); // back to page 1: reload without cursor
    expect(view(loaded(s, 'c2'))).toEqual({ page: 1, cursor: null, prev: false, next: true });
  });

  it('does not move past either end', () => {
    expect(goPrevious(firstPage)).toBe(firstPage);
    const last = loaded(firstPage, null);
    expect(goNext(last)).toBe(last);
  });

  it('forgets the next cursor when moving, until the new page has loaded', () => {
    const s = goNext(loaded(firstPage, 'c2'));
    expect(hasNext(s)).toBe(false);
  });

  it('never mutates a state', () => {
    const s = loaded(firstPage, 'c2');
    const frozen = JSON.stringify(s);
    goNext(s);
    goPrevious(goNext(s));
    expect(JSON.stringify(s)).toBe(frozen);
    expect(firstPage).toEqual({ previous: [], current: null, next: null });
  });
});
