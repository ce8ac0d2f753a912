import type { FundingSource, Maintainer } from './equipment';

export interface MaintainerInput {
  funding: FundingSource;
  supplier: string | null;
  warrantyEndsOn: string | null;
  commune: { id: number; name: string };
}

/**
 * Who maintains an item on `today` (YYYY-MM-DD). The city maintains only what it provided
 * (its own budget or a State subsidy it received), and only after the supplier's warranty;
 * equipment bought with school funds or donated is maintained by nobody on the city's side.
 */
export function deriveMaintainer(item: MaintainerInput, today: string): Maintainer {
  if (item.funding === 'school_funds' || item.funding === 'donation') {
    return { party: 'none', reason: item.funding };
  }
  if (item.supplier && item.warrantyEndsOn && item.warrantyEndsOn >= today) {
    return { party: 'supplier', name: item.supplier, warrantyEndsOn: item.warrantyEndsOn };
  }
  return { party: 'commune', communeId: item.commune.id, name: item.commune.name };
}
