import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LIFETIME_YEARS, EquipmentKind, EquipmentLifetimesUpdate, type EquipmentLifetimes } from '@preau/shared';
import { parse } from '../../http/validate';
import type { Actor } from '../../http/actor';
import type { AuditService } from '../audit/audit.service';
import { EquipmentLifetimeEntity } from './equipment-lifetime.entity';

/** The renewal age of every kind: the shared defaults, overridden by the rows an administrator saved. */
export async function lifetimesInForce(manager: EntityManager): Promise<EquipmentLifetimes> {
  const lifetimes: EquipmentLifetimes = { ...DEFAULT_LIFETIME_YEARS };
  for (const row of await manager.getRepository(EquipmentLifetimeEntity).find()) {
    // A kind dropped from the enum since it was saved is ignored rather than shown.
    if (EquipmentKind.safeParse(row.kind).success) lifetimes[row.kind] = row.years;
  }
  return lifetimes;
}

/** Renewal ages per kind of equipment, one set for the whole installation. */
export class LifetimesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<EquipmentLifetimes> {
    return lifetimesInForce(this.dataSource.manager);
  }

  /** Changes the kinds given; `null` puts a kind back to its default. Answers every kind. */
  async update(body: unknown, actor: Actor): Promise<EquipmentLifetimes> {
    const { lifetimes } = parse(EquipmentLifetimesUpdate, body);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(EquipmentLifetimeEntity);
      for (const [kind, years] of Object.entries(lifetimes) as [EquipmentKind, number | null | undefined][]) {
        if (years === undefined) continue;
        if (years === null) await repository.delete({ kind });
        else await repository.upsert({ kind, years }, ['kind']);
      }
      await this.audit.record(actor, { action: 'equipment_lifetimes.updated', targetType: 'equipment_lifetime', details: { lifetimes } }, manager);
      return lifetimesInForce(manager);
    });
  }
}
