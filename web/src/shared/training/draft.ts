// Offline copy of a reflection draft in localStorage, so nothing typed is lost
// when the network is gone; the server draft is saved alongside (autosave).
import type { Id, StoredFile } from '../api/types';

export interface LocalDraft {
  text: string;
  attachments: StoredFile[];
  /** ms since epoch of the last local edit. */
  savedAt: number;
}

const key = (trainingId: Id) => `luodi.reflection.${trainingId}`;

function isDraft(v: unknown): v is LocalDraft {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Partial<LocalDraft>;
  return typeof d.text === 'string' && Array.isArray(d.attachments) && typeof d.savedAt === 'number';
}

export function loadLocalDraft(storage: Pick<Storage, 'getItem'>, trainingId: Id): LocalDraft | null {
  const raw = storage.getItem(key(trainingId));
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isDraft(parsed) ? parsed : null;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    return null; // a corrupt entry is as good as none
  }
}

export function saveLocalDraft(storage: Pick<Storage, 'setItem'>, trainingId: Id, draft: LocalDraft): void {
  storage.setItem(key(trainingId), JSON.stringify(draft));
}

export function clearLocalDraft(storage: Pick<Storage, 'removeItem'>, trainingId: Id): void {
  storage.removeItem(key(trainingId));
}

/**
 * Which text to open the editor with: the local copy if it was edited after the
 * server's version (e.g. typed offline) and differs, else the server's.
 */
export function pickDraft(
  server: { text: string; attachments: StoredFile[]; updatedAt: number | null } | null,
  local: LocalDraft | null,
): { text: string; attachments: StoredFile[]; fromLocal: boolean } {
  if (local && (!server || server.updatedAt === null || local.savedAt > server.updatedAt)) {
    const same = server && server.text === local.text && server.attachments.map((a) => a.id).join() === local.attachments.map((a) => a.id).join();
    if (!same) return { text: local.text, attachments: local.attachments, fromLocal: true };
  }
  return { text: server?.text ?? '', attachments: server?.attachments ?? [], fromLocal: false };
}
