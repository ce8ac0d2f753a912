import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { DataSource } from 'typeorm';
import { AppError } from '../../http/app-error';
import type { AuditService } from '../audit/audit.service';
import { UserAccountEntity } from '../accounts/user-account.entity';
import { verifyPassword } from '../accounts/passwords';
import { loadPrincipal } from './load-principal';
import type { LoginThrottle } from './login-throttle';
import { markSignedIn } from './sign-in';

/** One Passport instance per app: the local strategy and the session (de)serialisation. */
export function createPassport(dataSource: DataSource, audit: AuditService, throttle: LoginThrottle): InstanceType<typeof Passport> {
  const passport = new Passport();

  passport.use(
    new LocalStrategy({ passReqToCallback: true, session: true }, (req, username, password, done) => {
      const typed = username.trim().toLowerCase();
      const ip = req.ip ?? null;
      (async () => {
        const user = await dataSource
          .getRepository(UserAccountEntity)
          .createQueryBuilder('u')
          .where('u.username = :typed OR u.email = :typed', { typed })
          .getOne();
        // Counted per account whichever name (username or e-mail) was typed.
        const name = user?.username ?? typed;
        const failed = (reason: string) => audit.record({ userId: null, label: name, ip }, { action: 'auth.login_failed', details: { reason } });
        try {
          await throttle.check(name, ip);
        } catch (error) {
          await audit.record({ userId: user?.id ?? null, label: name, ip }, { action: 'auth.login_throttled' });
          throw error;
        }
        if (!(await verifyPassword(user?.passwordHash ?? null, password)) || !user) {
          await failed(user ? 'wrong_password' : 'unknown_account');
          return done(null, false);
        }
        if (user.disabled) {
          await failed('disabled');
          throw new AppError(403, 'ACCOUNT_DISABLED', 'This account is disabled; ask your administrator');
        }
        await markSignedIn(dataSource, audit, user, ip, 'password');
        done(null, (await loadPrincipal(dataSource, user.id, 'session')) ?? false);
      })().catch(done);
    }),
  );

  passport.serializeUser<number>((principal, done) => done(null, (principal as Express.User).userId));
  passport.deserializeUser<number>((userId, done) => {
    loadPrincipal(dataSource, userId, 'session').then((principal) => done(null, principal ?? false), done);
  });
  return passport;
}
