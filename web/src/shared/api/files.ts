// /files: uploads (photos of notes, PDFs) and their download / thumbnail.
import type { ApiClient } from './client';
import type { Id, StoredFile } from './types';

export interface FilesApi {
  /** Multipart field `file`. 415 unsupported_file_type, 413 payload_too_large; the caller shows the error. */
  upload(file: Blob, name: string): Promise<StoredFile>;
  /** The file's bytes (needs the token, so show it via URL.createObjectURL). */
  content(id: Id): Promise<Blob>;
  thumbnail(id: Id): Promise<Blob>;
}

export function createFilesApi(client: ApiClient): FilesApi {
  return {
    upload: (file, name) => {
      const form = new FormData();
      form.append('file', file, name);
      return client.json<StoredFile>('/files', { method: 'POST', body: form, showError: false });
    },
    content: (id) => client.blob(`/files/${id}`),
    thumbnail: (id) => client.blob(`/files/${id}/thumbnail`),
  };
}
