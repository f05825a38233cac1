import type { TagType } from 'vant';
import type { SubmissionStatus } from '@shared/api/types';

/** Vant tag colour of a reflection status. */
export function statusTagType(status: SubmissionStatus): TagType {
  switch (status) {
    case 'reviewed':
      return 'success';
    case 'submitted':
      return 'primary';
    case 'late':
    case 'draft':
      return 'warning';
    case 'returned':
      return 'danger';
    default:
      return 'default';
  }
}
