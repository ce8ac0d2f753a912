import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../db/base.entity';
import { AcademyEntity } from './academy.entity';

@Entity('circonscription')
@Index(['academyId', 'name'], { unique: true })
export class CirconscriptionEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 150 })
  name!: string;

  @Column({ type: 'int' })
  academyId!: number;

  @ManyToOne(() => AcademyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'academy_id' })
  academy?: AcademyEntity;
}
