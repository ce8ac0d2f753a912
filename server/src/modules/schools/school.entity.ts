import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { SchoolType } from '@preau/shared';
import { BaseEntity, DATETIME } from '../../db/base.entity';
import { CommuneEntity } from '../organisations/commune.entity';
import { CirconscriptionEntity } from '../organisations/circonscription.entity';

@Entity('school')
@Index(['communeId', 'name'])
@Index(['circonscriptionId'])
export class SchoolEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 8 })
  uai!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  type!: SchoolType;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'int' })
  communeId!: number;

  @ManyToOne(() => CommuneEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_id' })
  commune?: CommuneEntity;

  @Column({ type: 'int' })
  circonscriptionId!: number;

  @ManyToOne(() => CirconscriptionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'circonscription_id' })
  circonscription?: CirconscriptionEntity;

  @Column({ ...DATETIME, nullable: true })
  retiredAt!: Date | null;
}
