import { deriveMaintainer, type MaintainerInput } from '../maintainer';

const commune = { id: 7, name: 'Saint-Denis' };
const item = (overrides: Partial<MaintainerInput>): MaintainerInput => ({
  funding: 'commune',
  supplier: 'Dell France',
  warrantyEndsOn: '2027-06-30',
  commune,
  ...overrides,
});

describe('deriveMaintainer', () => {
  it('gives the supplier while the warranty runs, its last day included', () => {
    expect(deriveMaintainer(item({}), '2027-06-30')).toEqual({ party: 'supplier', name: 'Dell France', warrantyEndsOn: '2027-06-30' });
  });

  it('gives the commune after the warranty, for what it provided', () => {
    expect(deriveMaintainer(item({}), '2027-07-01')).toEqual({ party: 'commune', communeId: 7, name: 'Saint-Denis' });
    expect(deriveMaintainer(item({ funding: 'state_subsidy' }), '2028-01-01').party).toBe('commune');
  });

  it('gives the commune when no supplier or warranty date is known', () => {
    expect(deriveMaintainer(item({ supplier: null }), '2026-01-01').party).toBe('commune');
    expect(deriveMaintainer(item({ warrantyEndsOn: null }), '2026-01-01').party).toBe('commune');
  });

  it('gives nobody for school funds and donations, even under warranty', () => {
    expect(deriveMaintainer(item({ funding: 'school_funds' }), '2026-01-01')).toEqual({ party: 'none', reason: 'school_funds' });
    expect(deriveMaintainer(item({ funding: 'donation' }), '2026-01-01')).toEqual({ party: 'none', reason: 'donation' });
  });
});
