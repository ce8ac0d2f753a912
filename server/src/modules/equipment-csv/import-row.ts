import type { z } from 'zod';
import {
  EquipmentCreate,
  EquipmentUpdate,
  type EquipmentCreateParsed,
  type EquipmentUpdateParsed,
} from '@preau/shared';
import type { EquipmentCsvColumn, ImportIssue } from '@preau/shared';
import { FUNDING_CHOICES, KIND_CHOICES, STATUS_CHOICES, fundingOf, kindOf, statusOf } from './csv-columns';
import { parseCsvDate, parseEuroCents, type Parsed } from './csv-values';
import type { CsvRecord, HeaderMap } from './csv-table';

/** The scalar fields an import writes; where an item stands is planned apart. */
export type ScalarFields = Omit<EquipmentCreateParsed, 'schoolId' | 'roomId' | 'containerId' | 'communeId'>;
export type ScalarPatch = Partial<ScalarFields>;

const LOCATION_FIELDS = ['schoolId', 'roomId', 'containerId', 'communeId', 'version'] as const;

/** API field → CSV column, to put a schema message on the column the user sees. */
const COLUMN_OF_FIELD: Record<string, EquipmentCsvColumn> = {
  kind: 'kind',
  status: 'status',
  assetTag: 'assetTag',
  brand: 'brand',
  model: 'model',
  serial: 'serial',
  macAddress: 'macAddress',
  hostname: 'hostname',
  schoolId: 'uai',
  roomId: 'room',
  containerId: 'container',
  purchaseDate: 'purchaseDate',
  purchasePriceCents: 'purchasePrice',
  supplier: 'supplier',
  warrantyEndsOn: 'warrantyEndsOn',
  funding: 'funding',
  fundingProgramme: 'fundingProgramme',
  fundingAmountCents: 'fundingAmount',
  notes: 'notes',
};

export const csvColumnOfField = (field: string | number | undefined): EquipmentCsvColumn | undefined =>
  field === undefined ? undefined : COLUMN_OF_FIELD[String(field)];

const TEXT_COLUMNS = ['brand', 'model', 'serial', 'macAddress', 'hostname', 'supplier', 'fundingProgramme', 'notes'] as const;
const CODE_COLUMNS = [
  ['kind', kindOf, KIND_CHOICES],
  ['status', statusOf, STATUS_CHOICES],
  ['funding', fundingOf, FUNDING_CHOICES],
] as const;
const DATE_COLUMNS = ['purchaseDate', 'warrantyEndsOn'] as const;
const MONEY_COLUMNS = [
  ['purchasePrice', 'purchasePriceCents'],
  ['fundingAmount', 'fundingAmountCents'],
] as const;

/** One data row with its cells addressed by column, and the problems found in it. */
export class RowReader {
  readonly issues: ImportIssue[] = [];

  constructor(
    private readonly record: CsvRecord,
    private readonly header: HeaderMap,
  ) {}

  get line(): number {
    return this.record.line;
  }

  /** The trimmed cell, `''` when empty, `undefined` when the file has no such column. */
  cell(field: EquipmentCsvColumn): string | undefined {
    const column = this.header.columns.get(field);
    return column === undefined ? undefined : (this.record.cells[column.index] ?? '');
  }

  /** Records a problem; at most one per column, so a bad value is not reported twice. */
  fail(field: EquipmentCsvColumn | undefined, message: string): void {
    if (field !== undefined && this.issues.some((issue) => issue.field === field)) return;
    const value = field === undefined ? undefined : this.cell(field);
    this.issues.push({
      line: this.line,
      ...(field !== undefined ? { field } : {}),
      ...(field !== undefined && this.header.columns.has(field) ? { column: this.header.columns.get(field)!.header } : {}),
      ...(value ? { value } : {}),
      message,
    });
  }

  get failed(): boolean {
    return this.issues.length > 0;
  }

  /** The row as a new item, checked by the API's own create schema. */
  asCreate(communeId: number): ScalarFields | null {
    const body = this.body('create');
    const parsed = this.check(EquipmentCreate, { ...body, communeId });
    return parsed ? withoutLocation(parsed) : null;
  }

  /** The row as a partial update of the columns present, checked by the API's own update schema. */
  asUpdate(): ScalarPatch | null {
    const body = this.body('update');
    const parsed = this.check(EquipmentUpdate, { ...body, version: 1 });
    return parsed ? definedScalars(parsed) : null;
  }

  /**
   * API-shaped body of the present columns. An empty cell clears an optional field; for the
   * type, status, funding and asset tag, which cannot be empty, it keeps the current value
   * (update) or takes the default (create).
   */
  private body(mode: 'create' | 'update'): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    const assetTag = this.cell('assetTag');
    if (assetTag) body.assetTag = assetTag;
    else if (mode === 'create') this.fail('assetTag', 'A new item needs an asset tag');

    for (const field of TEXT_COLUMNS) {
      const value = this.cell(field);
      if (value !== undefined) body[field] = value === '' ? null : value;
    }
    for (const [field, lookup, choices] of CODE_COLUMNS) {
      const value = this.cell(field);
      if (!value) continue;
      const code = lookup(value);
      if (code) body[field] = code;
      else this.fail(field, `Unknown value "${value}"; use one of: ${choices}`);
    }
    // Without a Type column at all, the plan reports the missing column once for the file.
    if (mode === 'create' && this.cell('kind') === '') {
      this.fail('kind', 'A new item needs a type');
    }
    for (const field of DATE_COLUMNS) this.readParsed(body, field, field, parseCsvDate);
    for (const [field, apiField] of MONEY_COLUMNS) this.readParsed(body, field, apiField, parseEuroCents);
    return body;
  }

  private readParsed<T>(body: Record<string, unknown>, field: EquipmentCsvColumn, apiField: string, parse: (raw: string) => Parsed<T>): void {
    const value = this.cell(field);
    if (value === undefined) return;
    if (value === '') {
      body[apiField] = null;
      return;
    }
    const parsed = parse(value);
    if (parsed.ok) body[apiField] = parsed.value;
    else this.fail(field, parsed.message);
  }

  private check<S extends z.ZodType>(schema: S, body: Record<string, unknown>): z.output<S> | null {
    const result = schema.safeParse(body);
    if (result.success) return this.failed ? null : result.data;
    for (const issue of result.error.issues) {
      const field = csvColumnOfField(issue.path[0] as string | number | undefined);
      if (field === 'kind' && this.cell('kind') === undefined) continue;
      this.fail(field, issue.message);
    }
    return null;
  }
}

function withoutLocation(parsed: EquipmentCreateParsed): ScalarFields {
  const fields: Record<string, unknown> = { ...parsed };
  for (const key of LOCATION_FIELDS) delete fields[key];
  return fields as ScalarFields;
}

function definedScalars(parsed: EquipmentUpdateParsed): ScalarPatch {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== undefined && !(LOCATION_FIELDS as readonly string[]).includes(key)) fields[key] = value;
  }
  return fields as ScalarPatch;
}
