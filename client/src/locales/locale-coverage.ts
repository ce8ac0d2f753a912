import type {
  EquipmentChange,
  EquipmentKind,
  EquipmentStatus,
  ErrorCode,
  FundingSource,
  GroupKind,
  Impact,
  Priority,
  Maintainer,
  OrganisationKind,
  Role,
  SchoolType,
  TicketCategory,
  TicketEventKind,
  TicketStatus,
  Urgency,
} from '@preau/shared';
import type { ClientErrorCode } from '../api/http';
import type { LiveState } from '../app/useRealtime';
import type fr from './fr.json';

type Messages = typeof fr;
type NoneReason = Extract<Maintainer, { party: 'none' }>['reason'];

/** `true` when the section names every value; otherwise a type listing the values it misses. */
type Names<Values extends string, Section> = [Exclude<Values, keyof Section>] extends [never]
  ? true
  : { missingMessagesFor: Exclude<Values, keyof Section> };

// Type check only: when a shared enum gains a value, this fails until fr.json names it
// (en.json must match fr.json, see i18n.ts).
export const localeCoverage: {
  errors: Names<ErrorCode | ClientErrorCode, Messages['errors']>;
  equipmentKind: Names<EquipmentKind, Messages['equipmentKind']>;
  equipmentStatus: Names<EquipmentStatus, Messages['equipmentStatus']>;
  funding: Names<FundingSource, Messages['funding']>;
  schoolType: Names<SchoolType, Messages['schoolType']>;
  maintainerParty: Names<Maintainer['party'], Messages['maintainerParty']>;
  maintainerNone: Names<NoneReason, Messages['maintainer']['none']>;
  historyChange: Names<EquipmentChange, Messages['history']['change']>;
  historyNoValue: Names<EquipmentChange, Messages['history']['noValue']>;
  role: Names<Role, Messages['role']>;
  organisationKind: Names<OrganisationKind, Messages['organisationKind']>;
  ticketStatus: Names<TicketStatus, Messages['ticketStatus']>;
  ticketCategory: Names<TicketCategory, Messages['ticketCategory']>;
  ticketEvent: Names<TicketEventKind, Messages['ticketEvent']>;
  impact: Names<Impact, Messages['impact']>;
  urgency: Names<Urgency, Messages['urgency']>;
  priority: Names<Priority, Messages['priority']>;
  groupKind: Names<GroupKind, Messages['groupKind']>;
  live: Names<LiveState, Messages['live']>;
} = {
  errors: true,
  equipmentKind: true,
  equipmentStatus: true,
  funding: true,
  schoolType: true,
  maintainerParty: true,
  maintainerNone: true,
  historyChange: true,
  historyNoValue: true,
  role: true,
  organisationKind: true,
  ticketStatus: true,
  ticketCategory: true,
  ticketEvent: true,
  impact: true,
  urgency: true,
  priority: true,
  groupKind: true,
  live: true,
};
