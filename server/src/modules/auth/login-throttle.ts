import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { AuditService } from '../audit/audit.service';

/**
 * Refuses a login after too many failures for the same name or from the same address in the
 * window. Failures are read from the audit log, so every server process sees the same count.
 */
export class LoginThrottle {
  constructor(
    private readonly audit: AuditService,
    private readonly limits: Config['loginThrottle'],
  ) {}

  async check(name: string, ip: string | null): Promise<void> {
    const now = Date.now();
    const windowStart = new Date(now - this.limits.windowMs);
    // A successful sign-in clears the account's count (countFailures by name), not the address's.
    const byAccount = await this.audit.countFailures(windowStart, { name });
    if (byAccount.count >= this.limits.perAccount) throw this.tooMany(byAccount.oldest, now, 'this account');
    if (ip === null) return;
    const byAddress = await this.audit.countFailures(windowStart, { ip });
    if (byAddress.count >= this.limits.perAddress) throw this.tooMany(byAddress.oldest, now, 'this address');
  }

  private tooMany(oldest: Date | null, now: number, what: string): AppError {
    const freeAt = (oldest?.getTime() ?? now) + this.limits.windowMs;
    const seconds = Math.max(1, Math.ceil((freeAt - now) / 1000));
    const minutes = Math.ceil(seconds / 60);
    const error = new AppError(429, 'TOO_MANY_ATTEMPTS', `Too many failed sign-ins for ${what}; try again in ${minutes} minute(s)`);
    error.retryAfterSeconds = seconds;
    return error;
  }
}
