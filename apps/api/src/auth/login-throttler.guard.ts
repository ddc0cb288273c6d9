import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Login attempts are counted per address and account: guessing one account's
 * password is slowed down, while a whole branch office behind one address can
 * still sign in.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, any>): Promise<string> {
    const email = typeof request.body?.email === 'string' ? request.body.email.toLowerCase() : '';
    return `${request.ip}:${email}`;
  }
}
