import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { RoomUse } from '@preau/shared';
import { BaseEntity, DATETIME } from '../../db/base.entity';
import { SchoolEntity } from './school.entity';

@Entity('room')
@Index(['schoolId', 'name'], { unique: true })
export class RoomEntity extends BaseEntity {
  @Column({ type: 'int' })
  schoolId!: number;

  @ManyToOne(() => SchoolEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20, default: 'other' })
  use!: RoomUse;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  @Column({ ...DATETIME, nullable: true })
  retiredAt!: Date | null;
}
