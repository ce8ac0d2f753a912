import type { DataSource } from 'typeorm';
import { LABELS_MAX, type LabelSelection } from '@preau/shared';
import { AppError, notFound } from '../../http/app-error';
import { scopeOf, type Principal, type Scope } from '../auth/principal';
import { whereInScope } from '../auth/scope-sql';
import { placeOfSchool } from '../auth/places';
import { ensureVisible } from '../auth/guards';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { RoomEntity } from '../schools/room.entity';
import { SchoolEntity } from '../schools/school.entity';
import { slugify } from '../equipment-csv/csv-export';
import { renderLabelSheet, type LabelContent } from './label-sheet-pdf';

export interface LabelSheetFile {
  filename: string;
  content: Buffer;
}

/** Human order: `TAB-2` before `TAB-10`, accents and case aside. */
const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** The client page a label's QR code opens: the incident report with the item chosen. */
const reportUrl = (baseUrl: string, assetTag: string): string => `${baseUrl}/r/${encodeURIComponent(assetTag)}`;

/** Printable labels (asset tag, kind, place and QR code) for a school, a room or chosen items. */
export class LabelsService {
  constructor(private readonly dataSource: DataSource) {}

  /** `baseUrl`: Préau's public address, which the QR codes point to. */
  async sheet(principal: Principal, selection: LabelSelection, baseUrl: string): Promise<LabelSheetFile> {
    const { items, subject, title } = await this.select(principal, selection);
    if (items.length > LABELS_MAX) {
      const field = selection.kind === 'school' ? 'schoolId' : 'roomId';
      const message = `This selection holds more than ${LABELS_MAX} items: print its rooms one by one`;
      throw new AppError(422, 'VALIDATION_FAILED', message, [{ path: [field], message }]);
    }
    const labels = sortForPrinting(items).map((item): LabelContent => ({
      assetTag: item.assetTag,
      kind: item.kind,
      placeName: item.school?.name ?? `Stock de la commune ${item.commune?.name ?? ''}`.trim(),
      roomName: item.room?.name ?? null,
      url: reportUrl(baseUrl, item.assetTag),
    }));
    return { filename: `etiquettes-${subject}.pdf`, content: await renderLabelSheet(labels, title) };
  }

  private async select(principal: Principal, selection: LabelSelection): Promise<{ items: EquipmentEntity[]; subject: string; title: string }> {
    const manager = this.dataSource.manager;
    switch (selection.kind) {
      case 'school': {
        const { schoolId } = selection;
        ensureVisible(principal, await placeOfSchool(manager, schoolId), 'School', schoolId);
        const school = await manager.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
        const items = await this.items(`e.school_id = :schoolId AND e.status <> 'retired'`, { schoolId });
        return { items, subject: school.uai, title: `Étiquettes — ${school.name}` };
      }
      case 'room': {
        const { roomId } = selection;
        const room = await manager.getRepository(RoomEntity).findOneBy({ id: roomId });
        ensureVisible(principal, room && (await placeOfSchool(manager, room.schoolId)), 'Room', roomId);
        const school = await manager.getRepository(SchoolEntity).findOneByOrFail({ id: room!.schoolId });
        const items = await this.items(`e.room_id = :roomId AND e.status <> 'retired'`, { roomId });
        return { items, subject: `${school.uai}-${slugify(room!.name) || room!.id}`, title: `Étiquettes — ${school.name}, ${room!.name}` };
      }
      case 'items': {
        const { ids } = selection;
        // One query for the whole selection, kept to the reader's scope; an id missing from the answer is missing or out of scope: 404 alike.
        const items = await this.items('e.id IN (:...ids)', { ids }, scopeOf(principal, 'inventory:read'));
        const visible = new Set(items.map((item) => item.id));
        const hidden = ids.find((id) => !visible.has(id));
        if (hidden !== undefined) throw notFound('Equipment', hidden);
        return { items, subject: 'selection', title: 'Étiquettes — sélection de matériel' };
      }
    }
  }

  /**
   * At most one item past the cap is read: enough to refuse the request without loading a whole
   * commune (a list of ids holds no more than the cap). `scope`, when given, keeps out the rest.
   */
  private items(where: string, params: Record<string, unknown>, scope?: Scope): Promise<EquipmentEntity[]> {
    const qb = this.dataSource
      .getRepository(EquipmentEntity)
      .createQueryBuilder('e')
      .select(['e.id', 'e.assetTag', 'e.kind', 'school.id', 'school.name', 'room.id', 'room.name', 'commune.id', 'commune.name'])
      .leftJoin('e.school', 'school')
      .leftJoin('e.room', 'room')
      .leftJoin('e.commune', 'commune')
      .where(where, params);
    if (scope) whereInScope(qb, scope, { commune: 'e.commune_id', school: 'e.school_id' });
    // Only many-to-one joins: a plain LIMIT is exact.
    return qb.limit(LABELS_MAX + 1).getMany();
  }
}

/** By school, then room (items outside any room last), then asset tag. Sorted here so both engines agree. */
function sortForPrinting(items: EquipmentEntity[]): EquipmentEntity[] {
  const text = (value: string | null | undefined) => value ?? '';
  return [...items].sort(
    (a, b) =>
      collator.compare(text(a.school?.name), text(b.school?.name)) ||
      Number(a.room == null) - Number(b.room == null) ||
      collator.compare(text(a.room?.name), text(b.room?.name)) ||
      collator.compare(a.assetTag, b.assetTag),
  );
}
