import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../db/base.entity';

@Entity('academy')
export class AcademyEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 150 })
  name!: string;
}
