import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../db/base.entity';
import { SchoolEntity } from '../schools/school.entity';

/** A school's subscription to the académie's ENT for one school year, and what it costs. */
@Entity('ent_subscription')
@Index(['schoolId', 'schoolYear'], { unique: true })
@Index(['schoolYear'])
export class EntSubscriptionEntity extends BaseEntity {
  @Column({ type: 'int' })
  schoolId!: number;

  @ManyToOne(() => SchoolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;

  /** The year the school year starts: 2026 for 2026-2027. */
  @Column({ type: 'int' })
  schoolYear!: number;

  @Column({ type: 'int' })
  costCents!: number;
}
