import type { SchoolType } from '@preau/shared';
import type { SeedRoom } from './dataset';

export const DIRECTION = 'Direction';
export const SECRETARIAT = 'Secrétariat';
export const STAFF_ROOM = 'Salle des maîtres';
export const LIBRARY = 'BCD';
export const TECHNICAL_ROOM = 'Local technique';

/** Class levels by school type: maternelle, élémentaire, primaire (both). */
export const LEVELS = {
  EM: ['PS', 'MS', 'GS'],
  EE: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'],
  EP: ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'],
} as const satisfies Partial<Record<SchoolType, readonly string[]>>;

/** Classroom names spread over the levels: "Classe CP", or "Classe CP A", "Classe CP B" when a level has several. */
export function classroomNames(classCount: number, levels: readonly string[] = LEVELS.EE): string[] {
  const names: string[] = [];
  levels.forEach((level, index) => {
    const count = Math.floor(classCount / levels.length) + (index < classCount % levels.length ? 1 : 0);
    if (count === 1) names.push(`Classe ${level}`);
    for (let n = 0; count > 1 && n < count; n++) names.push(`Classe ${level} ${String.fromCharCode(65 + n)}`);
  });
  return names;
}

/** Every room of a school: the offices, the classrooms, the library and the network cupboard. */
export function schoolRooms(classrooms: readonly string[]): SeedRoom[] {
  return [
    { name: DIRECTION, use: 'direction', description: 'Bureau de la direction' },
    { name: SECRETARIAT, use: 'secretariat', description: null },
    { name: STAFF_ROOM, use: 'other', description: 'Salle des enseignants, photocopieur' },
    ...classrooms.map((name) => ({ name, use: 'classroom' as const, description: null })),
    { name: LIBRARY, use: 'other', description: 'Bibliothèque centre documentaire' },
    { name: TECHNICAL_ROOM, use: 'other', description: 'Baie de brassage et arrivée internet' },
  ];
}
