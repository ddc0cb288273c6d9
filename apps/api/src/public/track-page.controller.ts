import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFoundError } from '@inbox/core';
import { FormTrackingService, Locale } from '@inbox/channels/forms';
import { Public } from '../auth/auth.decorators';
import { localeFrom, PAGE_TEXT } from './page-text';
import { SubmissionRateLimiter, SubmissionsThrottled } from './submission-rate-limiter';
import { TrackPageModel, trackPage } from './track-page.view';

/** /track: the code is posted, not put in the address, so it stays out of histories and logs. */
@ApiExcludeController()
@Public()
@Controller('public/pages/track')
export class TrackPageController {
  constructor(private readonly tracking: FormTrackingService, private readonly limiter: SubmissionRateLimiter) {}

  @Get() show(@Query('lang') lang: string, @Res() response: Response) {
    this.send(response, 200, { locale: localeFrom(lang), code: '', result: null, notFound: false });
  }

  @Post() async lookUp(@Query('lang') lang: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const locale: Locale = localeFrom(lang);
    const code = typeof body?.code === 'string' ? body.code.slice(0, 40) : '';
    try {
      await this.limiter.checkTracking(request.ip ?? null);
      const result = await this.tracking.track(code);
      this.send(response, 200, { locale, code, result, notFound: false });
    } catch (error) {
      if (error instanceof NotFoundError) return this.send(response, 404, { locale, code, result: null, notFound: true });
      if (error instanceof SubmissionsThrottled) return this.send(response, 429, { locale, code, result: null, notFound: false, banner: PAGE_TEXT[locale].tooMany });
      throw error;
    }
  }

  private send(response: Response, status: number, model: TrackPageModel): void {
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.status(status).type('html').send(trackPage(model));
  }
}
