import { useI18n } from 'vue-i18n';
import type { FieldIssue, FundingSource } from '@preau/shared';
import type { ApiError } from '../../api/http';
import { useErrorText } from '../../ui/useErrorText';

/** Fields whose format rule the API states in an English sentence: each gets its French counterpart. */
const FORMAT_RULES: Readonly<Record<string, string>> = {
  assetTag: 'assetTag',
  macAddress: 'macAddress',
  hostname: 'hostname',
  purchaseDate: 'date',
  warrantyEndsOn: 'date',
  purchasePriceCents: 'amount',
  fundingAmountCents: 'amount',
};

/**
 * French (or English) text for what the shared schema or the API said about an equipment field.
 * The API words its messages in English; the code and the field tell which rule was broken.
 */
export function useEquipmentIssueText() {
  const { t } = useI18n();
  const { errorText, issueText } = useErrorText();

  return function equipmentIssueText(issue: FieldIssue, context: { funding: FundingSource; error?: ApiError }): string {
    const path = issue.path.join('.');
    const key = 'equipment.edit.issues';
    if (path === 'assetTag' && context.error?.code === 'DUPLICATE') return t(`${key}.duplicateAssetTag`);
    if (issue.code === 'too_big') return issueText(issue);
    if (path === 'assetTag' && issue.code === 'too_small') return t('common.required');
    // Funding rules come from one check whose messages differ by the chosen funding, not by code.
    if (path === 'fundingProgramme') {
      return context.funding === 'state_subsidy' ? t(`${key}.programmeNeeded`) : t(`${key}.programmeNotSubsidy`);
    }
    if (path === 'fundingAmountCents' && issue.code === undefined) return t(`${key}.amountNotSubsidy`);
    const rule = FORMAT_RULES[path];
    if (rule) return t(`${key}.${rule}`);
    // Location refusals (a room of another school, a retired trolley…) carry their own error code.
    if (context.error && context.error.code !== 'VALIDATION_FAILED' && issue.code === undefined) return errorText(context.error);
    if ((path === 'roomId' || path === 'containerId') && issue.code === undefined) return t(`${key}.${path}`);
    return issueText(issue);
  };
}
