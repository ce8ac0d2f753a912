import { z } from 'zod';
import { Id, PageQuery, QueryBoolean, optionalText, sortParam } from './common';
import { checkUai } from './uai';

/** EM maternelle, EE élémentaire, EP primaire, and collèges for agreements that include them. */
export const SchoolType = z.enum(['EM', 'EE', 'EP', 'college']);
export type SchoolType = z.infer<typeof SchoolType>;

/** A UAI, normalised to upper case; the message says when only the check letter is wrong. */
export const Uai = z.string().transform((raw, ctx) => {
  const result = checkUai(raw);
  if (!result.valid) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { uai: result.problem } });
    return z.NEVER;
  }
  return result.uai;
});

export const School = z.object({
  id: z.number().int(),
  uai: z.string(),
  name: z.string(),
  type: SchoolType,
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  communeId: z.number().int(),
  circonscriptionId: z.number().int(),
  retiredAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type School = z.infer<typeof School>;

/** A school in lists and reads, with the names of its organisations. */
export const SchoolView = School.extend({
  communeName: z.string(),
  circonscriptionName: z.string(),
  equipmentCount: z.number().int().optional(),
});
export type SchoolView = z.infer<typeof SchoolView>;

export const SchoolCreate = z.object({
  uai: Uai,
  name: z.string().trim().min(1).max(200),
  type: SchoolType,
  address: optionalText(255),
  postalCode: optionalText(5).pipe(z.string().regex(/^\d{5}$/, 'A postal code is 5 digits').nullable()),
  communeId: z.number().int().positive(),
  circonscriptionId: z.number().int().positive(),
});
export type SchoolCreate = z.input<typeof SchoolCreate>;

export const SchoolUpdate = SchoolCreate.partial().extend({ version: z.number().int().min(1) });
export type SchoolUpdate = z.input<typeof SchoolUpdate>;

export const SCHOOL_SORT_FIELDS = ['name', 'uai', 'type', 'createdAt'] as const;

export const SchoolListQuery = PageQuery.extend({
  communeId: Id.optional(),
  circonscriptionId: Id.optional(),
  academyId: Id.optional(),
  type: SchoolType.optional(),
  q: z.string().trim().max(100).optional(),
  includeRetired: QueryBoolean.optional(),
  sort: sortParam(SCHOOL_SORT_FIELDS, 'name'),
});
export type SchoolListQuery = z.infer<typeof SchoolListQuery>;
export type SchoolListParams = z.input<typeof SchoolListQuery>;

/**
 * What a room is used for; the base-equipment check (2021 national plan) expects a display and a
 * teacher laptop in every classroom, and the director's and secretariat's computers in their offices.
 */
export const RoomUse = z.enum(['classroom', 'direction', 'secretariat', 'other']);
export type RoomUse = z.infer<typeof RoomUse>;

/** A room of a school (classroom, BCD, computer room, office, server cupboard…). */
export const Room = z.object({
  id: z.number().int(),
  schoolId: z.number().int(),
  name: z.string(),
  use: RoomUse,
  description: z.string().nullable(),
  retiredAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Room = z.infer<typeof Room>;

export const RoomCreate = z.object({
  schoolId: z.number().int().positive(),
  name: z.string().trim().min(1).max(100),
  use: RoomUse.default('other'),
  description: optionalText(255),
});
export type RoomCreate = z.input<typeof RoomCreate>;
export const RoomUpdate = RoomCreate.omit({ schoolId: true, use: true })
  .partial()
  .extend({ use: RoomUse.optional(), version: z.number().int().min(1) });
export type RoomUpdate = z.input<typeof RoomUpdate>;

export const RoomListQuery = PageQuery.extend({
  schoolId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  includeRetired: QueryBoolean.optional(),
});
export type RoomListQuery = z.infer<typeof RoomListQuery>;
