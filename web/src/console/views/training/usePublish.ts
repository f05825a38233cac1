// Publish with a confirmation; tells how many were enrolled.
import { ElMessage, ElMessageBox } from 'element-plus';
import { useI18n } from 'vue-i18n';
import type { PublishResult, Training } from '@shared/api/types';
import { useApi } from '@shared/app/context';

export function usePublish() {
  const { t } = useI18n();
  const api = useApi();
  /** null when the user cancelled. */
  return async function publish(training: Pick<Training, 'id' | 'title'>): Promise<PublishResult | null> {
    const confirmed = await ElMessageBox.confirm(t('training.training.publishConfirm', { name: training.title }), t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: t('training.training.publish'),
      cancelButtonText: t('common.actions.cancel'),
    }).then(() => true, () => false);
    if (!confirmed) return null;
    const result = await api.trainings.publish(training.id);
    ElMessage.success(t('training.training.published', { n: result.enrolled }));
    return result;
  };
}
