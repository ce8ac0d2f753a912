import { z } from 'zod';
import { Id, PageQuery, optionalText } from './common';

/** An académie (its rectorate runs ENT, mail, filtering and academic software). */
export const Academy = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
});
export type Academy = z.infer<typeof Academy>;

export const AcademyCreate = z.object({
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{2,40}$/, 'Lower-case letters, digits and dashes (2 to 40)'),
  name: z.string().trim().min(1).max(150),
});
export type AcademyCreate = z.infer<typeof AcademyCreate>;
export const AcademyUpdate = AcademyCreate.partial().extend({ version: z.number().int().min(1) });
export type AcademyUpdate = z.infer<typeof AcademyUpdate>;

/** A circonscription: the inspection district whose ERUN give level-1 support. */
export const Circonscription = z.object({
  id: z.number().int(),
  name: z.string(),
  academyId: z.number().int(),
  version: z.number().int(),
});
export type Circonscription = z.infer<typeof Circonscription>;

export const CirconscriptionCreate = z.object({
  name: z.string().trim().min(1).max(150),
  academyId: z.number().int().positive(),
});
export type CirconscriptionCreate = z.infer<typeof CirconscriptionCreate>;
export const CirconscriptionUpdate = CirconscriptionCreate.partial().extend({ version: z.number().int().min(1) });
export type CirconscriptionUpdate = z.infer<typeof CirconscriptionUpdate>;

/** A commune (or intercommunality): owns, equips and maintains its schools' fleet. */
export const Commune = z.object({
  id: z.number().int(),
  name: z.string(),
  inseeCode: z.string().nullable(),
  academyId: z.number().int(),
  version: z.number().int(),
});
export type Commune = z.infer<typeof Commune>;

export const CommuneCreate = z.object({
  name: z.string().trim().min(1).max(150),
  inseeCode: optionalText(5).pipe(
    z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'An INSEE code is 5 characters, e.g. 97411 or 2A004').nullable(),
  ),
  academyId: z.number().int().positive(),
});
export type CommuneCreate = z.input<typeof CommuneCreate>;
export const CommuneUpdate = CommuneCreate.partial().extend({ version: z.number().int().min(1) });
export type CommuneUpdate = z.input<typeof CommuneUpdate>;

export const OrganisationListQuery = PageQuery.extend({
  academyId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;
