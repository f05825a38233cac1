// Small page helpers of the incentive pages: a loader with loading / error
// state, refresh when the page (or the app) is shown again, and "back".
import { onActivated, onBeforeUnmount, onMounted, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { useRouter } from 'vue-router';
import { isApiError, type ApiError } from '@shared/api/client';
import { useDescribeError } from '@shared/i18n/errors';

export interface Loader<T> {
  data: ShallowRef<T | null>;
  /** A load is running (drives Vant PullRefresh's v-model too). */
  loading: Ref<boolean>;
  /** At least one load has finished (successfully or not). */
  loaded: Ref<boolean>;
  /** The last failure, as one line for the user; '' when the last load worked. */
  error: Ref<string>;
  errorCode: Ref<string>;
  reload: () => Promise<void>;
}

/**
 * Runs `fetch` now and on reload; keeps the previous data while reloading so
 * a pull-to-refresh does not blank the page. API failures become `error`
 * (the call should pass showError: false so nothing toasts twice).
 */
export function useLoader<T>(fetch: () => Promise<T>): Loader<T> {
  const describe = useDescribeError();
  const data = shallowRef<T | null>(null) as ShallowRef<T | null>;
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref('');
  const errorCode = ref('');
  let seq = 0;

  async function reload() {
    const mine = ++seq;
    loading.value = true;
    try {
      const value = await fetch();
      if (mine !== seq) return;
      data.value = value;
      error.value = '';
      errorCode.value = '';
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (mine !== seq) return;
      error.value = describe(e as ApiError);
      errorCode.value = (e as ApiError).code;
    } finally {
      if (mine === seq) {
        loading.value = false;
        loaded.value = true;
      }
    }
  }
  return { data, loading, loaded, error, errorCode, reload };
}

/** Calls `refresh` when the page mounts, when it is re-activated (keep-alive) and
 *  when the phone brings the app back to the foreground. */
export function useRefreshOnShow(refresh: () => unknown): void {
  // Under keep-alive, onActivated also fires right after the first mount.
  let justMounted = false;
  const onVisible = () => {
    if (document.visibilityState === 'visible') void refresh();
  };
  onMounted(() => {
    justMounted = true;
    void refresh();
    document.addEventListener('visibilitychange', onVisible);
  });
  onActivated(() => {
    if (justMounted) {
      justMounted = false;
      return;
    }
    void refresh();
  });
  onBeforeUnmount(() => document.removeEventListener('visibilitychange', onVisible));
}

/** NavBar's back arrow: history back when there is one, else a fallback page. */
export function useBack(fallback: string = 'm-home'): () => void {
  const router = useRouter();
  return () => {
    if (window.history.state?.back) router.back();
    else void router.replace({ name: fallback });
  };
}

export interface CursorList<T> {
  items: ShallowRef<T[]>;
  /** Bound to Vant List's v-model:loading. */
  loading: Ref<boolean>;
  finished: Ref<boolean>;
  /** Bound to Vant List's v-model:error (tap the error text to retry). */
  failed: Ref<boolean>;
  /** The first page has answered at least once. */
  loaded: Ref<boolean>;
  /** Loads the next page (Vant List's @load). */
  loadMore: () => Promise<void>;
  /** Starts again from the first page (pull-to-refresh, page shown). */
  refresh: () => Promise<void>;
}

/**
 * Infinite scroll over a `{items, next_cursor}`-like list. `fetchPage(cursor)`
 * answers the page's items and next cursor; `onFirstPage` sees the whole first
 * answer (e.g. the balance that comes with GET /me/points).
 */
export function useCursorList<T, P>(
  fetchPage: (cursor: string | null) => Promise<P>,
  pick: (page: P) => { items: T[]; next_cursor: string | null },
  onFirstPage?: (page: P) => void,
): CursorList<T> {
  const items = shallowRef<T[]>([]) as ShallowRef<T[]>;
  const loading = ref(false);
  const finished = ref(false);
  const failed = ref(false);
  const loaded = ref(false);
  let cursor: string | null = null;
  let generation = 0;
  let running: Promise<void> | null = null;

  async function fetchNext(gen: number) {
    try {
      const page = await fetchPage(cursor);
      if (gen !== generation) return;
      const { items: got, next_cursor } = pick(page);
      if (cursor === null) {
        items.value = got;
        onFirstPage?.(page);
      } else {
        items.value = [...items.value, ...got];
      }
      cursor = next_cursor;
      finished.value = next_cursor === null;
      failed.value = false;
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (gen === generation) failed.value = true;
    } finally {
      if (gen === generation) {
        loading.value = false;
        loaded.value = true;
      }
    }
  }

  function loadMore(): Promise<void> {
    if (finished.value) {
      loading.value = false;
      return Promise.resolve();
    }
    if (running) return running;
    loading.value = true;
    const gen = generation;
    running = fetchNext(gen).finally(() => {
      running = null;
    });
    return running;
  }

  async function refresh(): Promise<void> {
    generation++;
    running = null;
    cursor = null;
    finished.value = false;
    failed.value = false;
    await loadMore();
  }

  return { items, loading, finished, failed, loaded, loadMore, refresh };
}

/**
 * Vant PullRefresh state that is true only while the user's pull reloads —
 * not during background loads, which would otherwise push the page down.
 */
export function usePull(reload: () => Promise<unknown>): { pulling: Ref<boolean>; onPull: () => Promise<void> } {
  const pulling = ref(false);
  async function onPull() {
    try {
      await reload();
    } finally {
      pulling.value = false;
    }
  }
  return { pulling, onPull };
}
