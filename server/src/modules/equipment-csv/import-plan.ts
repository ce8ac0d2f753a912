import { z } from 'zod';
import { CONTAINER_KINDS, FundingSource, checkFunding, checkUai, type EquipmentKind, type EquipmentStatus } from '@preau/shared';
import type { EquipmentImportKey, ImportIssue } from '@preau/shared';
import type { EquipmentEntity } from '../equipment/equipment.entity';
import type { SchoolEntity } from '../schools/school.entity';
import { columnOf } from './csv-columns';
import type { CsvTable, HeaderMap } from './csv-table';
import { RowReader, type ScalarFields, type ScalarPatch } from './import-row';
import { roomKey, type FleetSnapshot, type ImportScope } from './import-snapshot';

/** A room the import creates, identified by `roomKey`. */
export interface NewRoom {
  key: string;
  school: SchoolEntity;
  name: string;
}

/** The container of a planned item: an item already stored, or the item created by a line of the file. */
export type ContainerRef = { itemId: number } | { line: number };

export type PlannedLocation =
  | { container: ContainerRef }
  | { container: null; schoolId: number | null; roomKey: string | null };

export type PlannedWrite =
  | { action: 'create'; line: number; fields: ScalarFields; location: PlannedLocation }
  | { action: 'update'; line: number; itemId: number; fields: ScalarPatch; location: PlannedLocation | null };

export interface ImportPlan {
  rows: number;
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  /** In the order to apply them: a trolley before what it holds. */
  writes: PlannedWrite[];
  newRooms: NewRoom[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

const LIST_LIMIT = 10;

/** A file row on its way to becoming a write. */
interface Draft {
  row: RowReader;
  existing: EquipmentEntity | null;
  fields: ScalarFields | ScalarPatch | null;
  tag: string;
  kind: EquipmentKind | undefined;
  status: EquipmentStatus | undefined;
  /** The school the row names (its UAI, or the school the import is for); undefined when it names none or a wrong one. */
  namedSchool?: SchoolEntity | null;
  container?: Node | null;
  final?: FinalLocation | null;
}

/** An item a row can point at as its container. */
type Node = { draft: Draft } | { item: EquipmentEntity };

interface FinalLocation {
  schoolId: number | null;
  roomKey: string | null;
}

const MergedFunding = z
  .object({ funding: FundingSource, fundingProgramme: z.string().nullable(), fundingAmountCents: z.number().nullable() })
  .superRefine(checkFunding);

/**
 * Works out, without writing anything, what importing the file would do: which rows create
 * or update which items, where each stands, which rooms appear, and every problem with its
 * line. Rows are matched by `key` among all the commune's items. Containers may be named
 * before or after the rows they hold: writes are ordered so a trolley comes first.
 */
export function planImport(
  table: CsvTable,
  header: HeaderMap,
  scope: ImportScope,
  snapshot: FleetSnapshot,
  key: EquipmentImportKey,
): ImportPlan {
  return new Planner(table, header, scope, snapshot, key).plan();
}

class Planner {
  private readonly drafts: Draft[] = [];
  private readonly fileErrors: ImportIssue[] = [];
  private readonly newRooms = new Map<string, NewRoom>();
  private readonly draftByTag = new Map<string, Draft>();
  private readonly draftByItemId = new Map<number, Draft>();

  constructor(
    private readonly table: CsvTable,
    private readonly header: HeaderMap,
    private readonly scope: ImportScope,
    private readonly snapshot: FleetSnapshot,
    private readonly key: EquipmentImportKey,
  ) {}

  plan(): ImportPlan {
    this.requireColumns();
    if (this.fileErrors.length === 0 && this.header.errors.length === 0) {
      const seenKeys = new Map<string, number>();
      for (const record of this.table.rows) this.drafts.push(this.readRow(new RowReader(record, this.header), seenKeys));
      this.checkTags();
      this.drafts.forEach((draft) => (draft.namedSchool = this.namedSchool(draft)));
      this.drafts.forEach((draft) => (draft.container = this.containerOf(draft)));
      this.drafts.forEach((draft) => this.finalLocation(draft, new Set()));
      this.requireKindColumn();
    }
    return this.result();
  }

  private requireColumns(): void {
    const required = new Set<'assetTag' | EquipmentImportKey>(['assetTag', this.key]);
    for (const field of required) {
      if (!this.header.columns.has(field)) {
        const column = columnOf(field);
        this.fileErrors.push({
          line: this.table.header.line,
          field,
          message: `The file has no "${column.header}" column${field === this.key ? ', the key chosen to match existing items' : ''}`,
        });
      }
    }
  }

  private readRow(row: RowReader, seenKeys: Map<string, number>): Draft {
    const keyHeader = columnOf(this.key).header;
    const keyValue = (row.cell(this.key) ?? '').toUpperCase();
    let existing: EquipmentEntity | null = null;
    if (keyValue === '') {
      row.fail(this.key, `"${keyHeader}" is empty: it is the key that matches existing items, so every row needs one`);
    } else {
      const earlier = seenKeys.get(keyValue);
      if (earlier !== undefined) row.fail(this.key, `Same ${keyHeader} as line ${earlier}`);
      else seenKeys.set(keyValue, row.line);
      existing = this.match(row, keyValue);
    }
    const fields = existing ? row.asUpdate() : row.asCreate(this.scope.commune.id);
    if (existing && fields) this.checkMergedFunding(row, existing, fields);
    const draft: Draft = {
      row,
      existing,
      fields,
      tag: fields?.assetTag ?? existing?.assetTag ?? (this.key === 'assetTag' ? keyValue : ''),
      kind: fields?.kind ?? existing?.kind,
      status: fields?.status ?? existing?.status,
    };
    if (existing && !this.draftByItemId.has(existing.id)) this.draftByItemId.set(existing.id, draft);
    return draft;
  }

  private match(row: RowReader, keyValue: string): EquipmentEntity | null {
    if (this.key === 'assetTag') return this.snapshot.itemsByTag.get(keyValue) ?? null;
    const matches = this.snapshot.itemsBySerial.get(keyValue) ?? [];
    if (matches.length > 1) {
      const tags = matches.map((item) => item.assetTag).join(', ');
      row.fail('serial', `Ambiguous: ${matches.length} items of the commune have this serial (${tags}); import by asset tag instead`);
      return null;
    }
    return matches[0] ?? null;
  }

  /** The service checks funding against the merged record; so does the plan, to report it per line. */
  private checkMergedFunding(row: RowReader, existing: EquipmentEntity, patch: ScalarPatch): void {
    const leavingSubsidy = patch.funding !== undefined && patch.funding !== 'state_subsidy' && existing.funding === 'state_subsidy';
    const merged = {
      funding: patch.funding ?? existing.funding,
      fundingProgramme: patch.fundingProgramme !== undefined ? patch.fundingProgramme : leavingSubsidy ? null : existing.fundingProgramme,
      fundingAmountCents:
        patch.fundingAmountCents !== undefined ? patch.fundingAmountCents : leavingSubsidy ? null : existing.fundingAmountCents,
    };
    const result = MergedFunding.safeParse(merged);
    if (!result.success) {
      for (const issue of result.error.issues) row.fail(issue.path[0] === 'fundingAmountCents' ? 'fundingAmount' : 'fundingProgramme', issue.message);
    }
  }

  /** Asset tags are unique in a commune: a row may not take another item's tag, nor one taken earlier in the file. */
  private checkTags(): void {
    for (const draft of this.drafts) {
      if (!draft.tag) continue;
      const earlier = this.draftByTag.get(draft.tag);
      if (earlier) {
        draft.row.fail('assetTag', `Same asset tag as line ${earlier.row.line}`);
        continue;
      }
      this.draftByTag.set(draft.tag, draft);
      const owner = this.snapshot.itemsByTag.get(draft.tag);
      if (owner && owner.id !== draft.existing?.id && !this.draftByItemId.has(owner.id)) {
        draft.row.fail('assetTag', `Asset tag ${draft.tag} already belongs to another item${owner.serial ? ` (serial ${owner.serial})` : ''}`);
      }
    }
  }

  /**
   * The school a row names: the school the import is for, else the row's UAI. A row naming
   * none keeps its item's school (commune import without a UAI column), or is commune stock
   * when its UAI cell is empty, unless it stands in a trolley.
   */
  private namedSchool(draft: Draft): SchoolEntity | null | undefined {
    const { row } = draft;
    const cell = row.cell('uai');
    const uai = cell?.toUpperCase();
    if (this.scope.school) {
      if (uai && uai !== this.scope.school.uai) {
        row.fail('uai', `This import is for ${this.scope.school.name} (${this.scope.school.uai}); import other schools from the commune`);
      }
      return this.scope.school;
    }
    if (cell === undefined) return undefined;
    if (!uai) return null;
    const school = this.snapshot.schoolsByUai.get(uai);
    if (school) {
      if (school.retiredAt) row.fail('uai', `${school.name} (${uai}) is retired`);
      return school;
    }
    const check = checkUai(uai);
    const elsewhere = this.snapshot.foreignSchoolsByUai.get(uai);
    if (!check.valid) row.fail('uai', check.message);
    else if (elsewhere) row.fail('uai', `${elsewhere.name} (${uai}) is a school of another commune than ${this.scope.commune.name}`);
    else row.fail('uai', `No school of ${this.scope.commune.name} has the UAI ${uai}`);
    return undefined;
  }

  private containerOf(draft: Draft): Node | null {
    const { row, existing } = draft;
    const cell = row.cell('container');
    if (cell === undefined) return existing?.containerId != null ? this.nodeOfItem(existing.containerId) : null;
    if (cell === '') return null;
    const tag = cell.toUpperCase();
    const stored = this.snapshot.itemsByTag.get(tag);
    const node: Node | undefined = this.draftByTag.has(tag)
      ? { draft: this.draftByTag.get(tag)! }
      : stored && !this.draftByItemId.has(stored.id)
        ? { item: stored }
        : undefined;
    if (!node) {
      row.fail('container', `No item of ${this.scope.commune.name} has the asset tag ${tag}, and no row of the file creates it`);
      return null;
    }
    if (existing?.containerId != null && this.nodeItemId(node) === existing.containerId) return node;
    if ('draft' in node && node.draft === draft) {
      row.fail('container', 'An item cannot be put inside itself');
      return null;
    }
    const { kind, status } = 'draft' in node ? node.draft : node.item;
    if (kind && !CONTAINER_KINDS.includes(kind)) {
      row.fail('container', `${tag} is a ${kind}, which cannot hold items`);
      return null;
    }
    if (status === 'retired') {
      row.fail('container', `${tag} is retired`);
      return null;
    }
    return node;
  }

  private nodeOfItem(itemId: number): Node | null {
    const draft = this.draftByItemId.get(itemId);
    if (draft) return { draft };
    const item = this.snapshot.itemsById.get(itemId);
    return item ? { item } : null;
  }

  private nodeItemId(node: Node): number | null {
    return 'draft' in node ? (node.draft.existing?.id ?? null) : node.item.id;
  }

  /** Where the row's item will stand; an item in a trolley stands where the trolley stands. */
  private finalLocation(draft: Draft, visiting: Set<Draft>): FinalLocation | null {
    if (draft.final !== undefined) return draft.final;
    if (visiting.has(draft)) {
      draft.row.fail('container', 'These trolleys are put inside each other in a circle');
      return (draft.final = null);
    }
    visiting.add(draft);
    const node = draft.container;
    const location = node ? this.containedLocation(draft, node, visiting) : this.standaloneLocation(draft);
    draft.final = location;
    return location;
  }

  private containedLocation(draft: Draft, node: Node, visiting: Set<Draft>): FinalLocation | null {
    const location = 'draft' in node ? this.finalLocation(node.draft, visiting) : this.storedLocation(node.item);
    if (!location) return null;
    const { row } = draft;
    const tag = 'draft' in node ? node.draft.tag : node.item.assetTag;
    const where = location.schoolId === null ? 'in commune stock' : `in ${this.snapshot.schoolsById.get(location.schoolId)?.name}`;
    if (draft.namedSchool !== undefined && draft.namedSchool !== null && draft.namedSchool.id !== location.schoolId) {
      row.fail('uai', `An item in trolley ${tag} stands where the trolley stands, ${where}`);
    }
    const roomName = row.cell('room');
    if (roomName && (location.schoolId === null || roomKey(location.schoolId, roomName) !== location.roomKey)) {
      row.fail('room', `An item in trolley ${tag} stands in the trolley's room (${this.roomLabel(location.roomKey) ?? 'none'})`);
    }
    return location;
  }

  private standaloneLocation(draft: Draft): FinalLocation {
    const { row, existing } = draft;
    const school =
      draft.namedSchool !== undefined
        ? draft.namedSchool
        : existing?.schoolId != null
          ? (this.snapshot.schoolsById.get(existing.schoolId) ?? null)
          : null;
    const schoolId = school?.id ?? null;
    const roomName = row.cell('room');
    if (roomName === undefined) {
      const keep = existing && existing.schoolId === schoolId && existing.roomId !== null;
      return { schoolId, roomKey: keep ? this.storedRoomKey(existing.roomId) : null };
    }
    if (roomName === '') return { schoolId, roomKey: null };
    if (!school) {
      row.fail('room', 'An item in commune stock has no room: give the UAI of its school');
      return { schoolId, roomKey: null };
    }
    return { schoolId, roomKey: this.roomIn(row, school, roomName) };
  }

  private roomIn(row: RowReader, school: SchoolEntity, name: string): string | null {
    const key = roomKey(school.id, name);
    const room = this.snapshot.roomsByKey.get(key);
    if (room) {
      if (room.retiredAt) row.fail('room', `Room ${room.name} of ${school.name} is retired`);
      return key;
    }
    if (name.length > 100) {
      row.fail('room', 'A room name has at most 100 characters');
      return null;
    }
    if (!this.newRooms.has(key)) this.newRooms.set(key, { key, school, name });
    return key;
  }

  private storedLocation(item: EquipmentEntity): FinalLocation {
    return { schoolId: item.schoolId, roomKey: this.storedRoomKey(item.roomId) };
  }

  private storedRoomKey(roomId: number | null): string | null {
    const room = roomId === null ? undefined : this.snapshot.roomsById.get(roomId);
    return room ? roomKey(room.schoolId, room.name) : null;
  }

  private roomLabel(key: string | null): string | null {
    if (key === null) return null;
    return this.snapshot.roomsByKey.get(key)?.name ?? this.newRooms.get(key)?.name ?? null;
  }

  /** New items need a type; without a Type column that is one problem of the file, not one per row. */
  private requireKindColumn(): void {
    if (this.header.columns.has('kind')) return;
    const creating = this.drafts.filter((draft) => !draft.existing && draft.row.cell(this.key)).map((draft) => draft.row.line);
    if (creating.length === 0) return;
    this.fileErrors.push({
      line: this.table.header.line,
      field: 'kind',
      message: `The file has no "${columnOf('kind').header}" column, yet lines ${listLines(creating)} create new items, which need one`,
    });
  }

  private result(): ImportPlan {
    const writes: PlannedWrite[] = [];
    let unchanged = 0;
    for (const draft of this.containersFirst()) {
      if (draft.row.failed || !draft.fields || !draft.final) continue;
      const write = this.writeOf(draft, draft.final);
      if (draft.row.failed) continue;
      if (write) writes.push(write);
      else unchanged++;
    }
    const errors = [...this.fileErrors, ...this.header.errors, ...this.drafts.flatMap((draft) => draft.row.issues)].sort(
      (a, b) => a.line - b.line,
    );
    return {
      rows: this.table.rows.length,
      toCreate: writes.filter((write) => write.action === 'create').length,
      toUpdate: writes.filter((write) => write.action === 'update').length,
      unchanged,
      writes,
      newRooms: [...this.newRooms.values()],
      errors,
      warnings: this.header.warnings,
    };
  }

  /** The write a valid row needs, or null when the row matches its item already. */
  private writeOf(draft: Draft, final: FinalLocation): PlannedWrite | null {
    const node = draft.container ?? null;
    const location: PlannedLocation = node
      ? { container: 'draft' in node && !node.draft.existing ? { line: node.draft.row.line } : { itemId: this.nodeItemId(node)! } }
      : { container: null, ...final };
    const { existing, row } = draft;
    if (!existing) return { action: 'create', line: row.line, fields: draft.fields as ScalarFields, location };

    const changed = Object.fromEntries(
      Object.entries(draft.fields as ScalarPatch).filter(([field, value]) => existing[field as keyof EquipmentEntity] !== value),
    ) as ScalarPatch;
    const moved = node
      ? this.nodeItemId(node) !== existing.containerId
      : existing.containerId !== null || existing.schoolId !== final.schoolId || this.storedRoomKey(existing.roomId) !== final.roomKey;
    if (Object.keys(changed).length === 0 && !moved) return null;
    this.checkHeldItems(draft, changed);
    return { action: 'update', line: row.line, itemId: existing.id, fields: changed, location: moved ? location : null };
  }

  /** A trolley that holds items must stay a trolley and cannot be retired, as in the API. */
  private checkHeldItems(draft: Draft, changed: ScalarPatch): void {
    const { existing, row } = draft;
    const held = existing ? (this.snapshot.heldCount.get(existing.id) ?? 0) : 0;
    if (held === 0) return;
    if (changed.kind !== undefined && !CONTAINER_KINDS.includes(changed.kind)) {
      row.fail('kind', `${existing!.assetTag} holds ${held} items, so it must stay a trolley`);
    }
    if (changed.status === 'retired') {
      row.fail('status', `${existing!.assetTag} still holds ${held} items; take them out before retiring it`);
    }
  }

  /** Rows in file order, except that a row's container comes before it. */
  private containersFirst(): Draft[] {
    const ordered: Draft[] = [];
    const placed = new Set<Draft>();
    const place = (draft: Draft, depth: number) => {
      if (placed.has(draft) || depth > this.drafts.length) return;
      const node = draft.container;
      if (node && 'draft' in node) place(node.draft, depth + 1);
      placed.add(draft);
      ordered.push(draft);
    };
    this.drafts.forEach((draft) => place(draft, 0));
    return ordered;
  }
}

function listLines(lines: number[]): string {
  const shown = lines.slice(0, LIST_LIMIT).join(', ');
  return lines.length > LIST_LIMIT ? `${shown} and ${lines.length - LIST_LIMIT} more` : shown;
}
