import { TicketIdempotencyFingerprint1796152941875 } from './1796152941875-TicketIdempotencyFingerprint';
import { ServiceTargetMarks1796145362354 } from './1796145362354-ServiceTargetMarks';
import { TicketSearchText1796145251925 } from './1796145251925-TicketSearchText';
import { TimelineLevels1796128389104 } from './1796128389104-TimelineLevels';
import { DashboardCoveringIndexes1796115635653 } from './1796115635653-DashboardCoveringIndexes';
import { DashboardOpenTicketIndex1796112337621 } from './1796112337621-DashboardOpenTicketIndex';
import { TicketFollowers1796111327897 } from './1796111327897-TicketFollowers';
import { TicketDirectorInformed1796111135852 } from './1796111135852-TicketDirectorInformed';
import { WeeklyDigestDeliveries1796110777647 } from './1796110777647-WeeklyDigestDeliveries';
import { FleetMonitoring1796109727751 } from './1796109727751-FleetMonitoring';
import { Attachments1796101174777 } from './1796101174777-Attachments';
import { JobLocks1796100404256 } from './1796100404256-JobLocks';
import { Notifications1796100235654 } from './1796100235654-Notifications';
import { RoutingRules1796100209456 } from './1796100209456-RoutingRules';
import { Tickets1796099995196 } from './1796099995196-Tickets';
import { Accounts1796098211965 } from './1796098211965-Accounts';
import { Init1795372911151 } from './1795372911151-Init';
/** sqlite migrations, oldest first; the same timestamps and names as the other engine's. */
export const SQLITE_MIGRATIONS: Function[] = [Init1795372911151, Accounts1796098211965, Tickets1796099995196, RoutingRules1796100209456, Notifications1796100235654, JobLocks1796100404256, Attachments1796101174777, FleetMonitoring1796109727751, WeeklyDigestDeliveries1796110777647, TicketDirectorInformed1796111135852, TicketFollowers1796111327897, DashboardOpenTicketIndex1796112337621, DashboardCoveringIndexes1796115635653, TimelineLevels1796128389104, TicketSearchText1796145251925, ServiceTargetMarks1796145362354, TicketIdempotencyFingerprint1796152941875];
