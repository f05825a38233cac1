// Idempotency keys for submitting a reflection: one key per submit attempt.
// A retry of the same attempt (same payload, after a network failure or a 5xx
// whose outcome is unknown) reuses the key, so the server answers the first
// result instead of writing twice. Success, a definitive refusal (4xx) or a
// changed payload start a new attempt with a new key.

export type KeyGenerator = () => string;

/** RFC 4122 v4 UUID; crypto.randomUUID only exists in secure contexts, getRandomValues everywhere. */
export function randomKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch (e) {
      if (!(e instanceof Error)) throw e; // insecure context: fall through to getRandomValues
    }
  }
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdempotencyKeeper {
  /** The key for sending `payload` now: the pending attempt's key if the payload is unchanged, else a new one. */
  keyFor(payload: string): string;
  /** Report how the request ended. `retryable` true keeps the key for the next try. */
  settle(retryable: boolean): void;
  /** The key of the attempt still pending (null if none). */
  readonly pending: string | null;
}

export function createIdempotencyKeeper(generate: KeyGenerator = randomKey): IdempotencyKeeper {
  let pending: { key: string; payload: string } | null = null;
  return {
    keyFor(payload) {
      if (!pending || pending.payload !== payload) pending = { key: generate(), payload };
      return pending.key;
    },
    settle(retryable) {
      if (!retryable) pending = null;
    },
    get pending() {
      return pending?.key ?? null;
    },
  };
}

/** Whether a failed request may have been written and is worth retrying with the same key:
 *  the server was not reached or answered a 5xx (outcome unknown). */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status >= 500;
}

/**
 * Sends with a kept key: on a retryable failure the key stays for the next
 * call; on success or a definitive refusal the attempt is over.
 */
export async function sendIdempotent<T>(
  keeper: IdempotencyKeeper,
  payload: string,
  send: (key: string) => Promise<T>,
  statusOf: (error: unknown) => number | null,
): Promise<T> {
  const key = keeper.keyFor(payload);
  try {
    const result = await send(key);
    keeper.settle(false);
    return result;
  } catch (e) {
    const status = statusOf(e);
    keeper.settle(status !== null && isRetryableStatus(status));
    throw e;
  }
}
