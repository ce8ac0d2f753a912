import { PreparedSelect } from '../../db/prepared-select';
import { RoomEntity } from '../schools/room.entity';
import { SchoolEntity } from '../schools/school.entity';
import { EquipmentEntity } from './equipment.entity';

// Reads that filing a report and every change to an item make: their SQL is written once.

/** One item, every column. */
export const equipmentById = new PreparedSelect((manager) => manager.getRepository(EquipmentEntity).createQueryBuilder('e').where('e.id = :id'));

/** Where items stand now, for the live events of a commit. */
export const equipmentStates = new PreparedSelect((manager) =>
  manager.getRepository(EquipmentEntity).createQueryBuilder('e').select(['e.id', 'e.status', 'e.version', 'e.communeId', 'e.schoolId']).where('e.id IN (:...ids)'),
);

export const schoolById = new PreparedSelect((manager) => manager.getRepository(SchoolEntity).createQueryBuilder('s').where('s.id = :id'));

export const roomById = new PreparedSelect((manager) => manager.getRepository(RoomEntity).createQueryBuilder('r').where('r.id = :id'));
