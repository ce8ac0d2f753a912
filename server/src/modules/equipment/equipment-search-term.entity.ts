import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EquipmentEntity } from './equipment.entity';

/**
 * Word index of an item's serial, asset tag, model and hostname. Free-text search is a
 * prefix range scan on `term`, so it uses an index on both engines instead of `LIKE '%q%'`.
 */
@Entity('equipment_search_term')
@Index(['equipmentId'])
export class EquipmentSearchTermEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  term!: string;

  @PrimaryColumn({ type: 'int' })
  equipmentId!: number;

  @ManyToOne(() => EquipmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'equipment_id' })
  equipment?: EquipmentEntity;
}
