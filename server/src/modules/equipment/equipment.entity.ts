import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { EquipmentKind, EquipmentStatus, FundingSource } from '@preau/shared';
import { BaseEntity } from '../../db/base.entity';
import { CommuneEntity } from '../organisations/commune.entity';
import { SchoolEntity } from '../schools/school.entity';
import { RoomEntity } from '../schools/room.entity';

@Entity('equipment')
@Index(['communeId', 'assetTag'], { unique: true })
@Index(['communeId', 'serial'])
@Index(['schoolId', 'kind', 'assetTag'])
@Index(['communeId', 'kind', 'assetTag'])
// Covers the dashboard's reads of a commune's items (counts by school, kind and state with the
// dates they test, offices by room, trolleys): the rows themselves are never read.
@Index(['communeId', 'schoolId', 'kind', 'status', 'purchaseDate', 'warrantyEndsOn', 'roomId', 'containerId'])
@Index(['roomId'])
@Index(['containerId'])
export class EquipmentEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 32 })
  kind!: EquipmentKind;

  @Column({ type: 'varchar', length: 16 })
  status!: EquipmentStatus;

  @Column({ type: 'varchar', length: 50 })
  assetTag!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  brand!: string | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  model!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  serial!: string | null;

  @Column({ type: 'varchar', length: 17, nullable: true })
  macAddress!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  hostname!: string | null;

  /** The owning commune; copied from the school so asset tags are unique per commune. */
  @Column({ type: 'int' })
  communeId!: number;

  @ManyToOne(() => CommuneEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_id' })
  commune?: CommuneEntity;

  /** Null for stock held by the commune outside any school. */
  @Column({ type: 'int', nullable: true })
  schoolId!: number | null;

  @ManyToOne(() => SchoolEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity | null;

  @Column({ type: 'int', nullable: true })
  roomId!: number | null;

  @ManyToOne(() => RoomEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id' })
  room?: RoomEntity | null;

  @Column({ type: 'int', nullable: true })
  containerId!: number | null;

  @ManyToOne(() => EquipmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'container_id' })
  container?: EquipmentEntity | null;

  @Column({ type: 'date', nullable: true })
  purchaseDate!: string | null;

  @Column({ type: 'int', nullable: true })
  purchasePriceCents!: number | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  supplier!: string | null;

  @Column({ type: 'date', nullable: true })
  warrantyEndsOn!: string | null;

  @Column({ type: 'varchar', length: 20 })
  funding!: FundingSource;

  @Column({ type: 'varchar', length: 150, nullable: true })
  fundingProgramme!: string | null;

  @Column({ type: 'int', nullable: true })
  fundingAmountCents!: number | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;
}
