import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, UnauthenticatedError } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { Actor, TenancyService, User, verifyPassword } from '@inbox/tenancy';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Session extends Tokens {
  user: User;
}

interface AccessClaims {
  sub: string;
  org: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async login(email: string, password: string, ip: string | null): Promise<Session> {
    const user = await this.dataSource.getRepository(User).createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const valid = user !== null && user.active && (await verifyPassword(user.passwordHash, password));
    await this.audit.record({
      organizationId: user?.organizationId ?? null, actorUserId: user?.id ?? null, action: valid ? 'auth.login' : 'auth.login_failed',
      entityType: 'user', entityId: user?.id ?? null, data: valid ? {} : { email }, ip,
    });
    if (!user || !valid) throw new UnauthenticatedError('Email or password is incorrect');
    const { passwordHash: _hash, ...publicUser } = user;
    return { ...(await this.issue(user)), user: publicUser as User };
  }

  /** Rotates the refresh token: the old one stops working the moment the new one is issued. */
  async refresh(refreshToken: string): Promise<Tokens> {
    // UPDATE ... RETURNING answers [rows, count] through TypeORM.
    const [rows]: [{ user_id: string }[], number] = await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
       RETURNING user_id`,
      [digest(refreshToken)],
    );
    const actor = rows[0] ? await this.tenancy.actorFor(rows[0].user_id) : null;
    if (!actor) throw new UnauthenticatedError('Refresh token is invalid or expired');
    return this.issue(actor.user);
  }

  async logout(actor: Actor, refreshToken?: string): Promise<void> {
    if (refreshToken) {
      await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE token_hash = $1 AND user_id = $2 AND revoked_at IS NULL`, [digest(refreshToken), actor.userId]);
    } else {
      await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [actor.userId]);
    }
    await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  }

  /** Verifies an access token (signature, expiry) and loads the actor fresh, so a deactivated user is refused at once. */
  async authenticate(accessToken: string): Promise<Actor & { user: User }> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken);
    } catch {
      throw new UnauthenticatedError('Access token is invalid or expired');
    }
    const actor = await this.tenancy.actorFor(claims.sub);
    if (!actor || actor.organizationId !== claims.org) throw new UnauthenticatedError('Access token is invalid or expired');
    return actor;
  }

  private async issue(user: User): Promise<Tokens> {
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await this.jwt.signAsync({ sub: user.id, org: user.organizationId } satisfies AccessClaims, { expiresIn });
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    await this.dataSource.query(`INSERT INTO refresh_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [user.id, digest(refreshToken), expiresAt]);
    return { accessToken, refreshToken, expiresIn };
  }
}
