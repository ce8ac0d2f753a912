import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn, type ColumnOptions } from 'typeorm';

/** The one datetime column type that behaves alike on SQLite and MariaDB (stored in UTC). */
export const DATETIME: ColumnOptions = { type: 'datetime' };

/** Id, timestamps and the version used to refuse stale updates. */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;

  @VersionColumn({ type: 'int' })
  version!: number;
}
