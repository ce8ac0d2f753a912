import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ExternalContactKind } from '@preau/shared';
import { DATETIME } from '../../db/base.entity';
import { AcademyEntity } from '../organisations/academy.entity';
import { CommuneEntity } from '../organisations/commune.entity';

/** An e-mail address of an external level-3 party (supplier, software editor, copier contractor). */
@Entity('external_contact')
@Index(['kind', 'communeId'])
@Index(['kind', 'academyId'])
export class ExternalContactEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  kind!: ExternalContactKind;

  /** Supplier name as written on the equipment; null matches any party of the kind. */
  @Column({ type: 'varchar', length: 150, nullable: true })
  name!: string | null;

  @Column({ type: 'int', nullable: true })
  communeId!: number | null;

  @ManyToOne(() => CommuneEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commune_id' })
  commune?: CommuneEntity;

  @Column({ type: 'int', nullable: true })
  academyId!: number | null;

  @ManyToOne(() => AcademyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'academy_id' })
  academy?: AcademyEntity;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;
}
