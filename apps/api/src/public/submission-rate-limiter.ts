import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { FormDefinition } from '@inbox/channels/forms';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** 429 with the reason and when to come back; the page shows the message, the JSON answer carries it. */
export class SubmissionsThrottled extends HttpException {
  constructor(readonly scope: 'address' | 'form', readonly retryAfterSeconds: number) {
    super({
      statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'rate_limited', scope, retryAfterSeconds,
      message: scope === 'address'
        ? `Too many submissions of this form from your address; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`
        : `This form is receiving too many submissions; try again in ${retryAfterSeconds} seconds`,
    }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Floods are refused before anything is read or stored: per address and
 * form (default 10 an hour), and per form from everyone (default 600 a
 * minute), both set on the form. Counted in @nestjs/throttler's storage,
 * shared with the login throttle; it is per process, so with N api replicas
 * the effective limits are up to N times these (a shared store is the
 * throttler's `storage` option).
 */
@Injectable()
export class SubmissionRateLimiter {
  constructor(@Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage) {}

  async check(form: Pick<FormDefinition, 'id' | 'perIpPerHour' | 'perFormPerMinute'>, ip: string | null): Promise<void> {
    const byAddress = await this.storage.increment(`forms:${form.id}:${ip ?? 'unknown'}`, HOUR, form.perIpPerHour, HOUR, 'forms-address');
    if (byAddress.isBlocked) throw new SubmissionsThrottled('address', byAddress.timeToBlockExpire);
    const byForm = await this.storage.increment(`forms:${form.id}`, MINUTE, form.perFormPerMinute, MINUTE, 'forms-form');
    if (byForm.isBlocked) throw new SubmissionsThrottled('form', byForm.timeToBlockExpire);
  }

  /** The help center's "was this helpful?": 30 answers an hour per address. */
  async checkFeedback(ip: string | null): Promise<void> {
    const record = await this.storage.increment(`help-feedback:${ip ?? 'unknown'}`, HOUR, 30, HOUR, 'help-feedback');
    if (record.isBlocked) throw new SubmissionsThrottled('address', record.timeToBlockExpire);
  }

  /** Guessing tracking codes: 20 a minute per address. */
  async checkTracking(ip: string | null): Promise<void> {
    const record = await this.storage.increment(`track:${ip ?? 'unknown'}`, MINUTE, 20, MINUTE, 'track');
    if (record.isBlocked) throw new SubmissionsThrottled('address', record.timeToBlockExpire);
  }
}
