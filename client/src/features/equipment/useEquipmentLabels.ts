import { useI18n } from 'vue-i18n';
import type { EquipmentKind, EquipmentStatus, FundingSource, Maintainer } from '@preau/shared';
import { useFormat } from '../../app/useFormat';

/** The words for equipment values: kinds (with plurals), statuses, funding and who maintains an item. */
export function useEquipmentLabels() {
  const { t } = useI18n();
  const { calendarDate } = useFormat();

  return {
    kindLabel: (kind: EquipmentKind, count = 1) => t(`equipmentKind.${kind}`, count),
    statusLabel: (status: EquipmentStatus) => t(`equipmentStatus.${status}`),
    fundingLabel: (funding: FundingSource) => t(`funding.${funding}`),
    maintainerText(maintainer: Maintainer): string {
      switch (maintainer.party) {
        case 'supplier':
          return t('maintainer.supplier', { name: maintainer.name, date: calendarDate(maintainer.warrantyEndsOn) });
        case 'commune':
          return t('maintainer.commune', { name: maintainer.name });
        case 'none':
          return t(`maintainer.none.${maintainer.reason}`);
      }
    },
  };
}
