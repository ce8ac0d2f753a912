import type { EquipmentKind, EquipmentStatus, FundingSource, RoomUse, SchoolType } from '@preau/shared';

/**
 * Seed data as plain values, before any database id exists: rows point at each other by
 * their natural keys (INSEE code, UAI, room name, asset tag), and the writer resolves them.
 */
export interface SeedDataset {
  academy: { code: string; name: string };
  communes: SeedCommune[];
  circonscriptions: SeedCirconscription[];
  schools: SeedSchool[];
  /** Containers come before the items they hold. */
  items: SeedItem[];
}

export interface SeedCommune {
  inseeCode: string;
  name: string;
}

export interface SeedCirconscription {
  name: string;
}

export interface SeedSchool {
  uai: string;
  name: string;
  type: SchoolType;
  address: string;
  postalCode: string;
  communeInseeCode: string;
  circonscriptionName: string;
  rooms: SeedRoom[];
}

export interface SeedRoom {
  name: string;
  use: RoomUse;
  description: string | null;
}

export interface SeedItem {
  kind: EquipmentKind;
  status: EquipmentStatus;
  assetTag: string;
  brand: string;
  model: string;
  serial: string;
  macAddress: string | null;
  hostname: string | null;
  communeInseeCode: string;
  schoolUai: string | null;
  roomName: string | null;
  containerAssetTag: string | null;
  purchaseDate: string;
  purchasePriceCents: number;
  supplier: string | null;
  warrantyEndsOn: string | null;
  funding: FundingSource;
  fundingProgramme: string | null;
  fundingAmountCents: number | null;
  notes: string | null;
}
