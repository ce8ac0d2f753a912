import { AcademyEntity } from '../modules/organisations/academy.entity';
import { CirconscriptionEntity } from '../modules/organisations/circonscription.entity';
import { CommuneEntity } from '../modules/organisations/commune.entity';
import { SchoolEntity } from '../modules/schools/school.entity';
import { RoomEntity } from '../modules/schools/room.entity';
import { EquipmentEntity } from '../modules/equipment/equipment.entity';
import { EquipmentEventEntity } from '../modules/equipment/equipment-event.entity';
import { EquipmentSearchTermEntity } from '../modules/equipment/equipment-search-term.entity';
import { UserAccountEntity } from '../modules/accounts/user-account.entity';
import { MembershipEntity } from '../modules/accounts/membership.entity';
import { ApiTokenEntity } from '../modules/accounts/api-token.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { TicketEntity } from '../modules/tickets/ticket.entity';
import { TicketEventEntity } from '../modules/tickets/ticket-event.entity';
import { TicketFollowerEntity } from '../modules/tickets/ticket-follower.entity';
import { CommuneTicketSettingsEntity } from '../modules/tickets/commune-settings.entity';
import { RoutingRuleEntity } from '../modules/routing/routing-rule.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { NotificationDispatchEntity } from '../modules/notifications/notification-dispatch.entity';
import { ExternalContactEntity } from '../modules/notifications/external-contact.entity';
import { JobLockEntity } from '../modules/sla/job-lock.entity';
import { TicketAttachmentEntity } from '../modules/attachments/ticket-attachment.entity';
import { EquipmentLifetimeEntity } from '../modules/fleet-settings/equipment-lifetime.entity';
import { MobileClassPlanEntity } from '../modules/fleet-settings/mobile-class-plan.entity';
import { EntSubscriptionEntity } from '../modules/ent-subscriptions/ent-subscription.entity';
import { DigestDeliveryEntity } from '../modules/digests/digest-delivery.entity';

/** Every entity, in one list, so the DataSource and the drift check see the same model. */
export const ENTITIES = [
  AcademyEntity,
  CirconscriptionEntity,
  CommuneEntity,
  SchoolEntity,
  RoomEntity,
  EquipmentEntity,
  EquipmentEventEntity,
  EquipmentSearchTermEntity,
  UserAccountEntity,
  MembershipEntity,
  ApiTokenEntity,
  SessionEntity,
  AuditEntryEntity,
  TicketEntity,
  TicketEventEntity,
  TicketFollowerEntity,
  CommuneTicketSettingsEntity,
  RoutingRuleEntity,
  NotificationEntity,
  NotificationDispatchEntity,
  ExternalContactEntity,
  JobLockEntity,
  TicketAttachmentEntity,
  EquipmentLifetimeEntity,
  MobileClassPlanEntity,
  EntSubscriptionEntity,
  DigestDeliveryEntity,
];
