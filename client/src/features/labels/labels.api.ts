import type { LabelSelection } from '@preau/shared';
import { apiUrl } from '../../api/http';

/** The PDF of label sheets for a school, a room or chosen items (downloaded through a plain link, as the CSV export). */
export function labelSheetUrl(selection: LabelSelection): string {
  switch (selection.kind) {
    case 'school':
      return apiUrl('/labels.pdf', { schoolId: selection.schoolId });
    case 'room':
      return apiUrl('/labels.pdf', { roomId: selection.roomId });
    case 'items':
      return apiUrl('/labels.pdf', { ids: selection.ids.join(',') });
  }
}
