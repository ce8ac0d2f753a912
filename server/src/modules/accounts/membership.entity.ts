import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationKind, Role } from '@preau/shared';
import { DATETIME } from '../../db/base.entity';
import { UserAccountEntity } from './user-account.entity';

/** A role held in one organisation; the organisation's kind follows from the role (ROLE_ORGANISATION). */
@Entity('membership')
@Index(['userId', 'role', 'organisationId'], { unique: true })
@Index(['organisationKind', 'organisationId'])
export class MembershipEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @ManyToOne(() => UserAccountEntity, (user) => user.memberships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Column({ type: 'varchar', length: 20 })
  organisationKind!: OrganisationKind;

  /** School, circonscription, commune or académie id; null for admin. */
  @Column({ type: 'int', nullable: true })
  organisationId!: number | null;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;
}
