import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../db/base.entity';
import { AcademyEntity } from './academy.entity';

/** The owner and maintainer organisation of a school's equipment. */
@Entity('commune')
export class CommuneEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 150 })
  name!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 5, nullable: true })
  inseeCode!: string | null;

  @Column({ type: 'int' })
  academyId!: number;

  @ManyToOne(() => AcademyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'academy_id' })
  academy?: AcademyEntity;
}
