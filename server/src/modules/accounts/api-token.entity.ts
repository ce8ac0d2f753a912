import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../db/base.entity';
import { UserAccountEntity } from './user-account.entity';

/** A personal API token: only its SHA-256 is kept, the secret is shown once at creation. */
@Entity('api_token')
@Index(['tokenHash'], { unique: true })
@Index(['userId'])
export class ApiTokenEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  expiresAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  revokedAt!: Date | null;
}
