import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../db/base.entity';
import { SchoolEntity } from '../schools/school.entity';

/** The mobile classes (trolleys of tablets) a school is to receive, from the deployment calendar. */
@Entity('mobile_class_plan')
@Index(['schoolId'], { unique: true })
export class MobileClassPlanEntity extends BaseEntity {
  @Column({ type: 'int' })
  schoolId!: number;

  @ManyToOne(() => SchoolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;

  @Column({ type: 'int' })
  trolleysPlanned!: number;

  /** How many tablets make a trolley complete. */
  @Column({ type: 'int' })
  tabletsPerTrolley!: number;

  /** When the deployment calendar says the trolleys should be delivered. */
  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  programme!: string | null;
}
