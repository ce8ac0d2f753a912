import { z } from 'zod';
import { Id, IsoDate, PageQuery, QueryBoolean, optionalText, sortParam } from './common';
import { ComposedText } from './composed-texts';

/** Kinds of equipment a commune puts in its schools. A trolley is a mobile class that holds other items. */
export const EquipmentKind = z.enum([
  'desktop',
  'laptop',
  'tablet',
  'trolley',
  'projector',
  'interactive_display',
  'document_camera',
  'copier',
  'printer',
  'phone',
  'switch',
  'router',
  'wifi_ap',
  'firewall',
  'server',
  'other',
]);
export type EquipmentKind = z.infer<typeof EquipmentKind>;

export const EquipmentStatus = z.enum(['in_service', 'broken', 'in_repair', 'in_stock', 'retired', 'lost']);
export type EquipmentStatus = z.infer<typeof EquipmentStatus>;

/** Who paid: the commune maintains what it provided (own budget or State subsidy), not school funds or donations. */
export const FundingSource = z.enum(['commune', 'state_subsidy', 'school_funds', 'donation']);
export type FundingSource = z.infer<typeof FundingSource>;

/** Kinds that can hold other items. */
export const CONTAINER_KINDS: readonly EquipmentKind[] = ['trolley'];

/** Canonical MAC form `AA:BB:CC:DD:EE:FF`, accepting `-`, `.`, `:` or no separators. */
export const MacAddress = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const hex = raw.replace(/[:\-.\s]/g, '').toUpperCase();
    if (!/^[0-9A-F]{12}$/.test(hex)) {
      ctx.addIssue({ code: 'custom', message: 'A MAC address is 12 hexadecimal digits, e.g. 00:1A:2B:3C:4D:5E' });
      return z.NEVER;
    }
    return hex.match(/../g)!.join(':');
  });

const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(100)
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'Letters, digits, dashes and dots only');

const AssetTag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'Letters, digits and . _ - / only, starting with a letter or digit')
  .toUpperCase();

/** Serial numbers are compared upper-case, as manufacturers print them. */
const Serial = optionalText(100).transform((value) => value?.toUpperCase() ?? null);

const Cents = z.number().int().min(0).max(100_000_000_00);

const equipmentFields = {
  kind: EquipmentKind,
  status: EquipmentStatus.default('in_service'),
  assetTag: AssetTag,
  brand: optionalText(100),
  model: optionalText(150),
  serial: Serial,
  macAddress: MacAddress.nullish().transform((value) => value ?? null),
  hostname: z
    .union([Hostname, z.literal('')])
    .nullish()
    .transform((value) => value || null),
  schoolId: z.number().int().positive().nullable().default(null),
  roomId: z.number().int().positive().nullable().default(null),
  containerId: z.number().int().positive().nullable().default(null),
  purchaseDate: IsoDate.nullish().transform((value) => value ?? null),
  purchasePriceCents: Cents.nullish().transform((value) => value ?? null),
  supplier: optionalText(150),
  warrantyEndsOn: IsoDate.nullish().transform((value) => value ?? null),
  funding: FundingSource.default('commune'),
  fundingProgramme: optionalText(150),
  fundingAmountCents: Cents.nullish().transform((value) => value ?? null),
  notes: optionalText(2000),
};

interface FundingFields {
  funding?: FundingSource;
  fundingProgramme?: string | null;
  fundingAmountCents?: number | null;
}

/** A State subsidy names its programme; other sources carry no programme or amount. */
export function checkFunding(value: FundingFields, ctx: z.RefinementCtx): void {
  if (value.funding === undefined) return;
  if (value.funding === 'state_subsidy') {
    if (!value.fundingProgramme) {
      ctx.addIssue({ code: 'custom', path: ['fundingProgramme'], message: 'A State subsidy needs the programme name' });
    }
  } else {
    if (value.fundingProgramme) {
      ctx.addIssue({ code: 'custom', path: ['fundingProgramme'], message: 'Only a State subsidy has a programme' });
    }
    if (value.fundingAmountCents != null) {
      ctx.addIssue({ code: 'custom', path: ['fundingAmountCents'], message: 'Only a State subsidy has a subsidy amount' });
    }
  }
}

/** New equipment. `communeId` is required only for stock held outside any school. */
export const EquipmentCreate = z
  .object({ ...equipmentFields, communeId: z.number().int().positive().nullable().default(null) })
  .superRefine(
    (value, ctx) => {
      checkFunding(value, ctx);
      if (value.schoolId === null && value.containerId === null && value.communeId === null) {
        ctx.addIssue({ code: 'custom', path: ['schoolId'], message: 'Choose a school, a trolley, or the commune holding it in stock' });
      }
    },
    // Run even when other fields failed, so one answer lists every problem.
    { when: (payload) => FundingSource.safeParse((payload.value as FundingFields | undefined)?.funding ?? 'commune').success },
  );
export type EquipmentCreate = z.input<typeof EquipmentCreate>;
export type EquipmentCreateParsed = z.output<typeof EquipmentCreate>;

/** A partial update; `version` is the one the client read. Funding rules are checked against the merged record. */
export const EquipmentUpdate = z.object({
  version: z.number().int().min(1),
  kind: equipmentFields.kind.optional(),
  status: EquipmentStatus.optional(),
  assetTag: AssetTag.optional(),
  brand: equipmentFields.brand.optional(),
  model: equipmentFields.model.optional(),
  serial: equipmentFields.serial.optional(),
  macAddress: equipmentFields.macAddress.optional(),
  hostname: equipmentFields.hostname.optional(),
  schoolId: z.number().int().positive().nullable().optional(),
  roomId: z.number().int().positive().nullable().optional(),
  containerId: z.number().int().positive().nullable().optional(),
  purchaseDate: equipmentFields.purchaseDate.optional(),
  purchasePriceCents: equipmentFields.purchasePriceCents.optional(),
  supplier: equipmentFields.supplier.optional(),
  warrantyEndsOn: equipmentFields.warrantyEndsOn.optional(),
  funding: FundingSource.optional(),
  fundingProgramme: equipmentFields.fundingProgramme.optional(),
  fundingAmountCents: equipmentFields.fundingAmountCents.optional(),
  notes: equipmentFields.notes.optional(),
});
export type EquipmentUpdate = z.input<typeof EquipmentUpdate>;
export type EquipmentUpdateParsed = z.output<typeof EquipmentUpdate>;

/** Who maintains an item; derived from funding, warranty and supplier, never typed by hand. */
export const Maintainer = z.discriminatedUnion('party', [
  z.object({ party: z.literal('supplier'), name: z.string(), warrantyEndsOn: IsoDate }),
  z.object({ party: z.literal('commune'), communeId: z.number().int(), name: z.string() }),
  z.object({ party: z.literal('none'), reason: z.enum(['school_funds', 'donation']) }),
]);
export type Maintainer = z.infer<typeof Maintainer>;

const ItemRef = z.object({ id: z.number().int(), assetTag: z.string(), kind: EquipmentKind, model: z.string().nullable() });
export type EquipmentRef = z.infer<typeof ItemRef>;

export const Equipment = z.object({
  id: z.number().int(),
  kind: EquipmentKind,
  status: EquipmentStatus,
  assetTag: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  macAddress: z.string().nullable(),
  hostname: z.string().nullable(),
  communeId: z.number().int(),
  schoolId: z.number().int().nullable(),
  roomId: z.number().int().nullable(),
  containerId: z.number().int().nullable(),
  purchaseDate: z.string().nullable(),
  purchasePriceCents: z.number().int().nullable(),
  supplier: z.string().nullable(),
  warrantyEndsOn: z.string().nullable(),
  funding: FundingSource,
  fundingProgramme: z.string().nullable(),
  fundingAmountCents: z.number().int().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  maintainer: Maintainer,
  school: z.object({ id: z.number().int(), uai: z.string(), name: z.string() }).nullable(),
  room: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  container: ItemRef.nullable(),
});
export type Equipment = z.infer<typeof Equipment>;

/** A single item as read: a trolley also lists what it holds. */
export const EquipmentDetail = Equipment.extend({ children: z.array(Equipment) });
export type EquipmentDetail = z.infer<typeof EquipmentDetail>;

export const EQUIPMENT_SORT_FIELDS = [
  'assetTag',
  'kind',
  'status',
  'model',
  'purchaseDate',
  'warrantyEndsOn',
  'createdAt',
  'updatedAt',
] as const;
export type EquipmentSortField = (typeof EQUIPMENT_SORT_FIELDS)[number];

/** Filters of the equipment list; `q` matches words of the serial, asset tag, model and hostname by prefix. */
export const EquipmentListQuery = PageQuery.extend({
  schoolId: Id.optional(),
  communeId: Id.optional(),
  circonscriptionId: Id.optional(),
  roomId: Id.optional(),
  containerId: Id.optional(),
  kind: z.union([EquipmentKind, z.array(EquipmentKind)]).optional(),
  status: z.union([EquipmentStatus, z.array(EquipmentStatus)]).optional(),
  funding: FundingSource.optional(),
  q: z.string().trim().max(100).optional(),
  includeRetired: QueryBoolean.optional(),
  sort: sortParam(EQUIPMENT_SORT_FIELDS, 'assetTag'),
});
export type EquipmentListQuery = z.infer<typeof EquipmentListQuery>;
export type EquipmentListParams = z.input<typeof EquipmentListQuery>;

/** What the item's history records: a change of one of these, or its creation. */
export const EquipmentChange = z.enum(['created', 'status', 'room', 'school', 'container']);
export type EquipmentChange = z.infer<typeof EquipmentChange>;

export const EquipmentEvent = z.object({
  id: z.number().int(),
  equipmentId: z.number().int(),
  change: EquipmentChange,
  fromValue: z.string().nullable(),
  toValue: z.string().nullable(),
  fromLabel: z.string().nullable(),
  toLabel: z.string().nullable(),
  note: z.string().nullable(),
  /** The note's key and parameters when the server wrote it (`renderEquipmentNote`), so it reads in the reader's language. */
  noteText: ComposedText.nullable(),
  actor: z.string(),
  at: z.string(),
});
export type EquipmentEvent = z.infer<typeof EquipmentEvent>;

export const RetireRequest = z.object({ version: z.number().int().min(1), note: optionalText(500) });
export type RetireRequest = z.input<typeof RetireRequest>;
