// Blob → object URL for images that need the bearer token (QR codes, uploaded
// photos): fetched through the API client, shown via URL.createObjectURL and
// revoked when replaced or when the component goes away.
import { onBeforeUnmount, ref, type Ref } from 'vue';

export interface ObjectUrl {
  url: Ref<string | null>;
  /** Shows `blob`, revoking the previous URL. */
  set(blob: Blob | null): void;
}

export function useObjectUrl(): ObjectUrl {
  const url = ref<string | null>(null);
  function set(blob: Blob | null) {
    if (url.value) URL.revokeObjectURL(url.value);
    url.value = blob ? URL.createObjectURL(blob) : null;
  }
  onBeforeUnmount(() => set(null));
  return { url, set };
}
