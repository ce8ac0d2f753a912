import type { DataSource, EntityManager } from 'typeorm';
import type { FieldIssue } from '@preau/shared';
import type {
  EquipmentExportQuery,
  EquipmentImportQuery,
  EquipmentImportReport,
  EquipmentImportResult,
  ImportIssue,
  ImportedRoom,
} from '@preau/shared';
import { AppError, fieldError, notFound } from '../../http/app-error';
import type { Actor } from '../../http/actor';
import type { EquipmentService } from '../equipment/equipment.service';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { toEquipment, today } from '../equipment/equipment-view';
import { CommuneEntity } from '../organisations/commune.entity';
import { SchoolEntity } from '../schools/school.entity';
import { exportFileName, renderEquipmentCsv, slugify } from './csv-export';
import { mapHeader, readCsvTable, type CsvTable, type HeaderMap } from './csv-table';
import { planImport, type ImportPlan, type NewRoom } from './import-plan';
import { ApplyFailed, applyPlan } from './import-apply';
import { loadSnapshot, type FleetSnapshot, type ImportScope } from './import-snapshot';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { placeOfCommune, placeOfSchool } from '../auth/places';
import { ensureAllowed } from '../auth/guards';

export interface CsvFile {
  filename: string;
  content: Buffer;
}

/**
 * CSV export and import of a commune's or a school's equipment.
 *
 * The export lists every item, retired ones included (their status says so), so that a
 * file exported and imported again changes nothing.
 *
 * The import first plans, reading the whole file against the commune as it stands; a dry
 * run returns that plan as a report, errors included. A real import plans again inside one
 * transaction and writes only if no line has a problem: all rows or none. Items are matched
 * by the key the user chose among all items of the commune; a match is updated with the
 * columns the file has, anything else is created. Rooms named but missing are created; a
 * trolley may be named before or after the items it holds, as trolleys are written first.
 */
export class EquipmentCsvService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly equipment: EquipmentService,
    private readonly audit: AuditService,
  ) {}

  async exportCsv(principal: Principal, query: EquipmentExportQuery): Promise<CsvFile> {
    const scope = await this.scopeOf(this.dataSource.manager, principal, query, 'inventory:read');
    const qb = this.dataSource
      .getRepository(EquipmentEntity)
      .createQueryBuilder('e')
      .leftJoinAndSelect('e.commune', 'commune')
      .leftJoinAndSelect('e.school', 'school')
      .leftJoinAndSelect('e.room', 'room')
      .leftJoinAndSelect('e.container', 'container');
    if (scope.school) qb.where('e.schoolId = :schoolId', { schoolId: scope.school.id });
    else qb.where('e.communeId = :communeId', { communeId: scope.commune.id });
    const day = today();
    const items = (await qb.getMany()).map((item) => toEquipment(item, day));
    // Sorted here rather than in SQL: both engines then give the same order.
    items.sort((a, b) => compare(a.school?.uai ?? '', b.school?.uai ?? '') || compare(a.assetTag, b.assetTag));
    const subject = scope.school ? scope.school.uai : slugify(scope.commune.name);
    return { filename: exportFileName(subject, day), content: renderEquipmentCsv(items) };
  }

  /** Plans the file; with `dryRun` answers the report, otherwise writes it all in one transaction or refuses it. */
  async importCsv(
    principal: Principal,
    bytes: Uint8Array,
    query: EquipmentImportQuery,
    actor: Actor,
  ): Promise<EquipmentImportReport | EquipmentImportResult> {
    const scope = await this.scopeOf(this.dataSource.manager, principal, query, 'inventory:write');
    if (scope.school?.retiredAt) {
      throw fieldError(['schoolId'], `${scope.school.name} is retired: nothing can be imported into it`, 'RECORD_RETIRED');
    }
    const table = readCsvTable(bytes);
    const header = mapHeader(table);
    if (query.dryRun) {
      const { plan } = await this.plan(this.dataSource.manager, table, header, scope, query);
      return report(plan, table, query);
    }
    // Through the equipment service: each written item is announced once the import commits.
    return this.equipment.transaction(async (manager) => {
      const { plan, snapshot } = await this.plan(manager, table, header, scope, query);
      if (plan.errors.length > 0) throw importRejected(plan.errors);
      try {
        await applyPlan(manager, plan, scope, snapshot, this.equipment, actor);
      } catch (err) {
        if (err instanceof ApplyFailed) throw importRejected(err.issues);
        throw err;
      }
      const result: EquipmentImportResult = {
        dryRun: false,
        created: plan.toCreate,
        updated: plan.toUpdate,
        unchanged: plan.unchanged,
        roomsCreated: plan.newRooms.map(importedRoom),
        warnings: plan.warnings,
      };
      await this.audit.record(
        actor,
        {
          action: 'equipment.imported',
          targetType: scope.school ? 'school' : 'commune',
          targetId: scope.school?.id ?? scope.commune.id,
          communeId: scope.commune.id,
          details: { key: query.key, created: result.created, updated: result.updated, unchanged: result.unchanged },
        },
        manager,
      );
      return result;
    });
  }

  private async plan(
    manager: EntityManager,
    table: CsvTable,
    header: HeaderMap,
    scope: ImportScope,
    query: EquipmentImportQuery,
  ): Promise<{ plan: ImportPlan; snapshot: FleetSnapshot }> {
    const uaiColumn = header.columns.get('uai');
    const uais = uaiColumn ? table.rows.map((row) => (row.cells[uaiColumn.index] ?? '').toUpperCase()).filter(Boolean) : [];
    const snapshot = await loadSnapshot(manager, scope.commune, uais);
    return { plan: planImport(table, header, scope, snapshot, query.key), snapshot };
  }

  /** The school or commune of an export or import: 404 outside the principal's scope, 403 without `permission`. */
  private async scopeOf(
    manager: EntityManager,
    principal: Principal,
    query: { communeId?: number; schoolId?: number },
    permission: 'inventory:read' | 'inventory:write',
  ): Promise<ImportScope> {
    if (query.schoolId !== undefined) {
      ensureAllowed(principal, permission, await placeOfSchool(manager, query.schoolId), 'School', query.schoolId);
    } else {
      ensureAllowed(principal, permission, await placeOfCommune(manager, query.communeId!), 'Commune', query.communeId!);
    }
    if (query.schoolId !== undefined) {
      const school = await manager.getRepository(SchoolEntity).findOneBy({ id: query.schoolId });
      if (!school) throw notFound('School', query.schoolId);
      const commune = await manager.getRepository(CommuneEntity).findOneByOrFail({ id: school.communeId });
      return { commune, school };
    }
    const commune = await manager.getRepository(CommuneEntity).findOneBy({ id: query.communeId! });
    if (!commune) throw notFound('Commune', query.communeId!);
    return { commune, school: null };
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const importedRoom = (room: NewRoom): ImportedRoom => ({ uai: room.school.uai, schoolName: room.school.name, name: room.name });

function report(plan: ImportPlan, table: CsvTable, query: EquipmentImportQuery): EquipmentImportReport {
  return {
    dryRun: true,
    key: query.key,
    encoding: table.encoding,
    separator: table.separator,
    valid: plan.errors.length === 0,
    rows: plan.rows,
    toCreate: plan.toCreate,
    toUpdate: plan.toUpdate,
    unchanged: plan.unchanged,
    roomsToCreate: plan.newRooms.map(importedRoom),
    errors: plan.errors,
    warnings: plan.warnings,
  };
}

/**
 * The 422 of a refused import. Each issue's path is `["line", n, field]`, so the problem body
 * carries every bad line as the dry run would have reported it.
 */
function importRejected(errors: ImportIssue[]): AppError {
  const issues: FieldIssue[] = errors.map((error) => ({
    path: ['line', error.line, ...(error.field ? [error.field] : [])],
    message: error.column ? `${error.column}: ${error.message}` : error.message,
  }));
  const lines = new Set(errors.map((error) => error.line)).size;
  return new AppError(422, 'IMPORT_REJECTED', `Nothing was imported: ${lines === 1 ? '1 line has' : `${lines} lines have`} problems`, issues);
}
