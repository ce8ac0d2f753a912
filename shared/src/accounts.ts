import { z } from 'zod';
import { Id, PageQuery } from './common';

/** Every role a membership can carry (DOMAIN.md: teachers and directors, ERUN, city staff, rectorate). */
export const Role = z.enum(['teacher', 'director', 'erun', 'city_technician', 'city_manager', 'rectorate_agent', 'admin']);
export type Role = z.infer<typeof Role>;

/** The kind of organisation a membership is attached to. */
export const OrganisationKind = z.enum(['school', 'circonscription', 'commune', 'academy', 'global']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** Which organisation each role belongs to: a teacher to a school, an ERUN to a circonscription… */
export const ROLE_ORGANISATION: Readonly<Record<Role, OrganisationKind>> = {
  teacher: 'school',
  director: 'school',
  erun: 'circonscription',
  city_technician: 'commune',
  city_manager: 'commune',
  rectorate_agent: 'academy',
  admin: 'global',
};

/** What a role may do inside its organisation; reading the inventory is every role's right. */
export const Permission = z.enum([
  'inventory:read',
  'inventory:write',
  /** Diagnose, take, escalate and resolve incident tickets (support levels 1 and 2). */
  'tickets:work',
  'users:manage',
  'audit:read',
  'organisations:write',
  /** Fleet dashboards, steering-committee reports, label sheets and digests for a scope. */
  'reports:read',
]);
export type Permission = z.infer<typeof Permission>;

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  teacher: ['inventory:read'],
  director: ['inventory:read'],
  erun: ['inventory:read', 'tickets:work', 'reports:read'],
  city_technician: ['inventory:read', 'inventory:write', 'tickets:work', 'reports:read'],
  city_manager: ['inventory:read', 'inventory:write', 'tickets:work', 'users:manage', 'audit:read', 'reports:read'],
  rectorate_agent: ['inventory:read', 'tickets:work', 'reports:read'],
  admin: ['inventory:read', 'inventory:write', 'tickets:work', 'users:manage', 'audit:read', 'organisations:write', 'reports:read'],
};

/** Roles a city manager may grant: the commune's own staff and its schools' people. */
export const CITY_MANAGER_GRANTABLE_ROLES: readonly Role[] = ['teacher', 'director', 'city_technician', 'city_manager'];

export const Membership = z.object({
  id: z.number().int(),
  role: Role,
  organisationKind: OrganisationKind,
  /** Null only for `admin`, whose scope is everything. */
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const MembershipCreate = z
  .object({
    role: Role,
    organisationId: z.number().int().positive().nullable().default(null),
  })
  .superRefine((value, ctx) => {
    const needsOrganisation = ROLE_ORGANISATION[value.role] !== 'global';
    if (needsOrganisation && value.organisationId === null) {
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: `A ${value.role} membership needs its ${ROLE_ORGANISATION[value.role]}` });
    }
    if (!needsOrganisation && value.organisationId !== null) {
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'An admin membership has no organisation' });
    }
  });
export type MembershipCreate = z.infer<typeof MembershipCreate>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,60}$/, 'Use 3 to 60 lower-case letters, digits, dots, dashes or underscores');

/** Trimmed and lower-cased before the format check, so a pasted address with spaces passes. */
export const EmailAddress = z.string().trim().toLowerCase().pipe(z.email());

/** Long passphrases beat composition rules (ANSSI and NIST guidance): a length floor only. */
export const Password = z.string().min(10, 'At least 10 characters').max(200);

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  disabled: z.boolean(),
  /** Signs in through single sign-on only (no local password). */
  ssoOnly: z.boolean(),
  lastLoginAt: z.string().nullable(),
  memberships: z.array(Membership),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const UserCreate = z.object({
  username: Username,
  email: EmailAddress.nullish().transform((value) => value ?? null),
  displayName: z.string().trim().min(1).max(150),
  password: Password,
  memberships: z.array(MembershipCreate).default([]),
});
export type UserCreate = z.input<typeof UserCreate>;

export const UserUpdate = z.object({
  version: z.number().int().min(1),
  email: EmailAddress.nullish(),
  displayName: z.string().trim().min(1).max(150).optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
});
export type UserUpdate = z.input<typeof UserUpdate>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  communeId: Id.optional(),
  role: Role.optional(),
  includeDisabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type UserListQuery = z.output<typeof UserListQuery>;

export const LoginRequest = z.object({
  /** Username or e-mail address. */
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** `GET /auth/session`: who is signed in (null when nobody) and the CSRF token for writes. */
export const SessionInfo = z.object({
  user: z
    .object({
      id: z.number().int(),
      username: z.string(),
      displayName: z.string(),
      email: z.string().nullable(),
      memberships: z.array(Membership),
      permissions: z.array(Permission),
    })
    .nullable(),
  csrfToken: z.string(),
  sso: z.object({ enabled: z.boolean(), label: z.string() }),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const DemoAccount = z.object({ username: z.string(), role: Role, displayName: z.string(), organisationName: z.string().nullable() });
export type DemoAccount = z.infer<typeof DemoAccount>;
export const DEMO_PASSWORD = 'preau-demo';

export const ApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  /** First characters, to recognise a token in a list without revealing it. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreate = z.object({
  name: z.string().trim().min(1).max(100),
  /** Days until the token stops working; none means until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).nullish(),
});
export type ApiTokenCreate = z.input<typeof ApiTokenCreate>;

/** The only time the secret is shown. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.number().int().nullable(),
  communeId: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  action: z.string().trim().max(60).optional(),
  actorUserId: Id.optional(),
  targetType: z.string().trim().max(40).optional(),
  targetId: Id.optional(),
});
export type AuditQuery = z.output<typeof AuditQuery>;
