import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EquipmentChange } from '@preau/shared';
import { DATETIME } from '../../db/base.entity';
import { EquipmentEntity } from './equipment.entity';

/** Append-only history of an item: creation and every change of status, room, school or container. */
@Entity('equipment_event')
@Index(['equipmentId', 'id'])
export class EquipmentEventEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  equipmentId!: number;

  @ManyToOne(() => EquipmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'equipment_id' })
  equipment?: EquipmentEntity;

  @Column({ type: 'varchar', length: 20 })
  change!: EquipmentChange;

  @Column({ type: 'varchar', length: 100, nullable: true })
  fromValue!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  toValue!: string | null;

  /** Human labels at the time of the change, so history reads right after renames. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  fromLabel!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  toLabel!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 150 })
  actor!: string;

  @CreateDateColumn(DATETIME)
  at!: Date;
}
