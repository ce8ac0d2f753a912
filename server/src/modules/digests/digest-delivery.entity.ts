import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/base.entity';
import { UserAccountEntity } from '../accounts/user-account.entity';

/**
 * A weekly digest sent to one user. Inserting the row is the claim: the primary key lets one
 * digest per user and week go out, whichever process runs the job and however often it runs
 * (a run after the job lock's lease, a restart in the middle of a run).
 */
@Entity('digest_delivery')
export class DigestDeliveryEntity {
  @PrimaryColumn({ type: 'int' })
  userId!: number;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  /** The ISO week of the digest in Paris time, `2026-W49`. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  period!: string;

  @CreateDateColumn(DATETIME)
  sentAt!: Date;
}
