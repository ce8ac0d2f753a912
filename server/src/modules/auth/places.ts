import type { EntityManager } from 'typeorm';
import type { Place } from './principal';

interface PlaceRow {
  communeId: number | string;
  communeAcademyId: number | string;
  schoolId: number | string | null;
  circonscriptionId: number | string | null;
  circonscriptionAcademyId: number | string | null;
}

const num = (value: number | string | null) => (value === null ? null : Number(value));

function toPlace(row: PlaceRow | undefined): Place | null {
  if (!row) return null;
  return {
    communeId: Number(row.communeId),
    communeAcademyId: Number(row.communeAcademyId),
    schoolId: num(row.schoolId),
    circonscriptionId: num(row.circonscriptionId),
    circonscriptionAcademyId: num(row.circonscriptionAcademyId),
  };
}

/** Schools as places, to be narrowed by a WHERE on `s`. */
const SCHOOL_PLACES = `SELECT s.commune_id AS communeId, c.academy_id AS communeAcademyId, s.id AS schoolId,
            s.circonscription_id AS circonscriptionId, ci.academy_id AS circonscriptionAcademyId
       FROM school s
       INNER JOIN commune c ON c.id = s.commune_id
       INNER JOIN circonscription ci ON ci.id = s.circonscription_id`;

/** Where a school stands (its commune, circonscription and their académies); null if it does not exist. */
export async function placeOfSchool(manager: EntityManager, schoolId: number): Promise<Place | null> {
  const rows: PlaceRow[] = await manager.query(`${SCHOOL_PLACES} WHERE s.id = ?`, [schoolId]);
  return toPlace(rows[0]);
}

/** A commune as a place: for its stock, users and audit entries not tied to a school. */
export async function placeOfCommune(manager: EntityManager, communeId: number): Promise<Place | null> {
  const rows: PlaceRow[] = await manager.query(
    `SELECT c.id AS communeId, c.academy_id AS communeAcademyId, NULL AS schoolId,
            NULL AS circonscriptionId, NULL AS circonscriptionAcademyId
       FROM commune c WHERE c.id = ?`,
    [communeId],
  );
  return toPlace(rows[0]);
}

/** A commune and each of its schools, as places: whatever any of them concerns. Empty if the commune does not exist. */
export async function placesInCommune(manager: EntityManager, communeId: number): Promise<Place[]> {
  const schools: PlaceRow[] = await manager.query(`${SCHOOL_PLACES} WHERE s.commune_id = ?`, [communeId]);
  const commune = await placeOfCommune(manager, communeId);
  return commune ? [commune, ...schools.map((row) => toPlace(row)!)] : [];
}

/** An item or room: its school's place, or its commune's when it is not in a school. */
export function placeOf(manager: EntityManager, at: { communeId: number; schoolId: number | null }): Promise<Place | null> {
  return at.schoolId === null ? placeOfCommune(manager, at.communeId) : placeOfSchool(manager, at.schoolId);
}
