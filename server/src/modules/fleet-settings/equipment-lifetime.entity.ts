import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EquipmentKind } from '@preau/shared';
import { DATETIME } from '../../db/base.entity';

/** An edited renewal age for a kind of equipment; kinds without a row use the shared defaults. */
@Entity('equipment_lifetime')
export class EquipmentLifetimeEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind!: EquipmentKind;

  @Column({ type: 'int' })
  years!: number;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
