import { Tickets1796099995196 } from './1796099995196-Tickets';
import { Accounts1796098211965 } from './1796098211965-Accounts';
import { Init1795372911151 } from './1795372911151-Init';
/** sqlite migrations, oldest first; the same timestamps and names as the other engine's. */
export const SQLITE_MIGRATIONS: Function[] = [Init1795372911151, Accounts1796098211965, Tickets1796099995196];
