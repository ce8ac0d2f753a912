import type { DataSource } from 'typeorm';
import type { CommuneTicketSettingsInput } from '@preau/shared';
import { RoutingRuleEntity } from '../../server/src/modules/routing/routing-rule.entity';
import { settingsOf } from '../../server/src/modules/tickets/ticket-clock';

let sequence = 0;

/** A disabled report rule of the commune, written straight to the table: something to change or delete. */
export function makeRoutingRule(ds: DataSource, communeId: number): Promise<RoutingRuleEntity> {
  return ds.getRepository(RoutingRuleEntity).save({
    name: `Règle de test ${++sequence}`,
    position: 1,
    trigger: 'report',
    fromLevel: null,
    conditions: JSON.stringify({ categories: ['other'] }),
    action: JSON.stringify({ kind: 'route', level: 1, group: 'circonscription_level1' }),
    enabled: false,
    communeId,
  });
}

/** The commune's settings in force, as a `PUT /communes/:id/ticket-settings` body that changes nothing. */
export async function unchangedSettings(ds: DataSource, communeId: number): Promise<CommuneTicketSettingsInput> {
  return settingsOf(ds.manager, communeId);
}
