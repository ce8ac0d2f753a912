import type { DataSource } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import type { AuditService } from '../audit/audit.service';
import type { UserAccountEntity } from '../accounts/user-account.entity';

/** Records a successful sign-in (password or single sign-on): last login time and the audit entry. */
export async function markSignedIn(
  dataSource: DataSource,
  audit: AuditService,
  user: UserAccountEntity,
  ip: string | null,
  method: 'password' | 'sso',
): Promise<void> {
  // Raw SQL: signing in is not an edit, so the account's version must not change.
  await dataSource.query('UPDATE user_account SET last_login_at = ? WHERE id = ?', [
    DateUtils.mixedDateToUtcDatetimeString(new Date()),
    user.id,
  ]);
  await audit.record({ userId: user.id, label: user.username, ip }, { action: 'auth.login_succeeded', targetType: 'user', targetId: user.id, details: { method } });
}
