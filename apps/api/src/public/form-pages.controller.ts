import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { NotFoundError } from '@inbox/core';
import { FormSubmissionsService, Locale, PublicForm, SubmissionRejected } from '@inbox/channels/forms';
import { Public } from '../auth/auth.decorators';
import { FormPageModel, formPage, messagePage, receiptPage } from './form-page.view';
import { readFormPost } from './multipart';
import { localeFrom, PAGE_TEXT } from './page-text';
import { SubmissionRateLimiter, SubmissionsThrottled } from './submission-rate-limiter';

interface PageRequest {
  slug: string;
  embed: boolean;
  locale: Locale;
}

/**
 * The public form pages, /f/:slug and the embeddable /f/:slug/embed (see
 * EarlyRoutes for the short addresses). A refused submission comes back as
 * the same page with the answers kept and every problem beside its field.
 */
@ApiExcludeController()
@Public()
@Controller('public/pages/forms')
export class FormPagesController {
  constructor(private readonly submissions: FormSubmissionsService, private readonly limiter: SubmissionRateLimiter) {}

  @Get(':slug') show(@Param('slug') slug: string, @Query('lang') lang: string, @Res() response: Response) {
    return this.render({ slug, embed: false, locale: localeFrom(lang) }, response);
  }

  @Get(':slug/embed') showEmbedded(@Param('slug') slug: string, @Query('lang') lang: string, @Res() response: Response) {
    return this.render({ slug, embed: true, locale: localeFrom(lang) }, response);
  }

  @Post(':slug') submit(@Param('slug') slug: string, @Req() request: Request, @Res() response: Response) {
    return this.accept({ slug, embed: false, locale: 'ar' }, request, response);
  }

  @Post(':slug/embed') submitEmbedded(@Param('slug') slug: string, @Req() request: Request, @Res() response: Response) {
    return this.accept({ slug, embed: true, locale: 'ar' }, request, response);
  }

  private async render(at: PageRequest, response: Response): Promise<void> {
    const publicForm = await this.load(at, response);
    if (!publicForm) return;
    this.send(response, at, publicForm, 200, (nonce) => formPage(this.model(at, publicForm, nonce, {})));
  }

  private async accept(at: PageRequest, request: Request, response: Response): Promise<void> {
    const publicForm = await this.load(at, response);
    if (!publicForm) return;
    const parsed = await readFormPost(request, response);
    const here = { ...at, locale: parsed.ok ? parsed.input.locale : parsed.locale };
    const again = (status: number, extra: Partial<FormPageModel>) =>
      this.send(response, here, publicForm, status, (nonce) => formPage(this.model(here, publicForm, nonce, { values: parsed.values, ...extra })));
    if (!parsed.ok) return again(413, { banner: PAGE_TEXT[here.locale].tooLarge });
    const kept = { anonymous: parsed.input.anonymous, declaration: parsed.input.declaration };
    try {
      await this.limiter.check(publicForm.form, request.ip ?? null);
      const receipt = await this.submissions.submit(at.slug, parsed.input, { ip: request.ip ?? null, userAgent: request.get('user-agent') ?? null });
      this.send(response, here, publicForm, 201, (nonce) => receiptPage(publicForm, receipt, here.locale, `/track?lang=${here.locale}`, at.embed, nonce));
    } catch (error) {
      if (error instanceof SubmissionRejected) return again(422, { ...kept, problems: error.problems });
      if (error instanceof SubmissionsThrottled) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        return again(429, { ...kept, banner: PAGE_TEXT[here.locale].tooMany });
      }
      throw error;
    }
  }

  private async load(at: PageRequest, response: Response): Promise<PublicForm | null> {
    try {
      return await this.submissions.publicForm(at.slug);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const t = PAGE_TEXT[at.locale];
      this.headers(response, at.embed, null, []);
      response.status(404).type('html').send(messagePage(at.locale, t.formMissing, t.formMissing));
      return null;
    }
  }

  private model(at: PageRequest, publicForm: PublicForm, nonce: string, extra: Partial<FormPageModel>): FormPageModel {
    const base = `/f/${publicForm.form.slug}${at.embed ? '/embed' : ''}`;
    return {
      publicForm, locale: at.locale, embed: at.embed, scriptNonce: nonce, values: {}, anonymous: false, declaration: false, problems: [],
      action: `${base}?lang=${at.locale}`, switchHref: `${base}?lang=${at.locale === 'ar' ? 'en' : 'ar'}`, ...extra,
    };
  }

  private send(response: Response, at: PageRequest, publicForm: PublicForm, status: number, body: (nonce: string) => string): void {
    const nonce = randomBytes(12).toString('base64');
    this.headers(response, at.embed, nonce, publicForm.form.embedOrigins);
    response.status(status).type('html').send(body(nonce));
  }

  /** No scripts but the embed page's own (by nonce), no framing but the embed page's (by the form's allowed origins), nothing cached. */
  private headers(response: Response, embed: boolean, nonce: string | null, embedOrigins: string[]): void {
    const frameAncestors = embed ? (embedOrigins.length ? embedOrigins.join(' ') : '*') : "'none'";
    response.setHeader('Content-Security-Policy', [
      "default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:", "form-action 'self'", "base-uri 'none'",
      `script-src ${embed && nonce ? `'nonce-${nonce}'` : "'none'"}`, `frame-ancestors ${frameAncestors}`,
    ].join('; '));
    if (!embed) response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.setHeader('X-Content-Type-Options', 'nosniff');
  }
}
