import { z } from 'zod';
import { Id, QueryBoolean } from './common';

/**
 * Columns of the equipment CSV, in export order. `school` (the school's name) and
 * `maintainer` are exported for reading and ignored on import: the UAI names the school,
 * and who maintains an item is derived, never typed.
 */
export const EquipmentCsvColumn = z.enum([
  'assetTag',
  'kind',
  'status',
  'brand',
  'model',
  'serial',
  'macAddress',
  'hostname',
  'uai',
  'school',
  'room',
  'container',
  'purchaseDate',
  'purchasePrice',
  'supplier',
  'warrantyEndsOn',
  'funding',
  'fundingProgramme',
  'fundingAmount',
  'maintainer',
  'notes',
]);
export type EquipmentCsvColumn = z.infer<typeof EquipmentCsvColumn>;

/** The column an import matches existing items by, within the commune. */
export const EquipmentImportKey = z.enum(['serial', 'assetTag']);
export type EquipmentImportKey = z.infer<typeof EquipmentImportKey>;

const scope = {
  communeId: Id.optional(),
  schoolId: Id.optional(),
};

function exactlyOneScope(value: { communeId?: number; schoolId?: number }, ctx: z.RefinementCtx): void {
  if ((value.communeId === undefined) === (value.schoolId === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['communeId'], message: 'Give exactly one of communeId or schoolId' });
  }
}

/** `GET /equipment/export.csv`: the equipment of one commune or one school. */
export const EquipmentExportQuery = z.object(scope).superRefine(exactlyOneScope);
export type EquipmentExportQuery = z.infer<typeof EquipmentExportQuery>;
export type EquipmentExportParams = z.input<typeof EquipmentExportQuery>;

/** `POST /equipment/import`: without `dryRun=false` nothing is written, only the report is returned. */
export const EquipmentImportQuery = z
  .object({ ...scope, key: EquipmentImportKey, dryRun: QueryBoolean.default(true) })
  .superRefine(exactlyOneScope);
export type EquipmentImportQuery = z.infer<typeof EquipmentImportQuery>;
export type EquipmentImportParams = z.input<typeof EquipmentImportQuery>;

/**
 * A problem found in the file. `line` is the row number a spreadsheet shows (header = 1,
 * blank lines counted); `column` is the header as written in the file, `field` what it maps to.
 */
export const ImportIssue = z.object({
  line: z.number().int().min(1),
  column: z.string().optional(),
  field: EquipmentCsvColumn.optional(),
  value: z.string().optional(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** A room named in the file that does not exist yet in its school: the import creates it. */
export const ImportedRoom = z.object({ uai: z.string(), schoolName: z.string(), name: z.string() });
export type ImportedRoom = z.infer<typeof ImportedRoom>;

/** What an import would do. A dry run answers it even when `valid` is false: the report is the answer. */
export const EquipmentImportReport = z.object({
  dryRun: z.literal(true),
  key: EquipmentImportKey,
  /** How the bytes were read, so a user can tell why accents look wrong. */
  encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']),
  separator: z.enum([';', ',', '\t']),
  valid: z.boolean(),
  rows: z.number().int(),
  toCreate: z.number().int(),
  toUpdate: z.number().int(),
  unchanged: z.number().int(),
  roomsToCreate: z.array(ImportedRoom),
  errors: z.array(ImportIssue),
  warnings: z.array(ImportIssue),
});
export type EquipmentImportReport = z.infer<typeof EquipmentImportReport>;

/** What an import did; it either did all of it or nothing. */
export const EquipmentImportResult = z.object({
  dryRun: z.literal(false),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  roomsCreated: z.array(ImportedRoom),
  warnings: z.array(ImportIssue),
});
export type EquipmentImportResult = z.infer<typeof EquipmentImportResult>;
