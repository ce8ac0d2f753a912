import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/base.entity';

/** express-session data, in the database so sessions survive restarts and span processes. */
@Entity('http_session')
@Index(['expiresAt'])
@Index(['userId'])
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sid!: string;

  @Column({ type: 'text' })
  data!: string;

  @Column(DATETIME)
  expiresAt!: Date;

  /** Lets disabling an account end its sessions at once. */
  @Column({ type: 'int', nullable: true })
  userId!: number | null;
}
