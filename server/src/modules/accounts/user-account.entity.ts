import { Column, Entity, Index, OneToMany } from 'typeorm';
import { BaseEntity, DATETIME } from '../../db/base.entity';
import { MembershipEntity } from './membership.entity';

@Entity('user_account')
@Index(['username'], { unique: true })
@Index(['email'], { unique: true })
@Index(['ssoSubject'], { unique: true })
export class UserAccountEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 60 })
  username!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 150 })
  displayName!: string;

  /** argon2id hash; null for accounts that only sign in through single sign-on. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Created by the demo loader: listed on the login page, never present without demo data. */
  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  /** The OpenID Connect subject (ProConnect `sub`) this account is linked to. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  ssoSubject!: string | null;

  @Column({ ...DATETIME, nullable: true })
  lastLoginAt!: Date | null;

  @OneToMany(() => MembershipEntity, (membership) => membership.user)
  memberships?: MembershipEntity[];
}
