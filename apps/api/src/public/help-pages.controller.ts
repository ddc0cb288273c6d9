import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig, InvalidError, NotFoundError } from '@inbox/core';
import { Locale } from '@inbox/channels/forms';
import { HelpCenterService } from '@inbox/shelf';
import { Public } from '../auth/auth.decorators';
import { articlePage, directoryPage, HELP_TEXT, helpMessagePage, homePage, searchPage, sitemap } from './help-pages.view';
import { localeFrom } from './page-text';
import { SubmissionRateLimiter, SubmissionsThrottled } from './submission-rate-limiter';

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/**
 * The public help center, /help (see EarlyRoutes for the short addresses):
 * server-rendered, readable without JavaScript, indexable, Arabic first.
 * Internal items answer 404 exactly as missing ones do.
 */
@ApiExcludeController()
@Public()
@Controller('public/pages/help')
export class HelpPagesController {
  constructor(private readonly help: HelpCenterService, private readonly limiter: SubmissionRateLimiter, private readonly config: AppConfig) {}

  @Get() async directory(@Query('lang') lang: string, @Req() request: Request, @Res() response: Response) {
    const locale = localeFrom(lang);
    const organizations = await this.help.organizations();
    if (organizations.length === 1) return response.redirect(302, `/help/${organizations[0]!.slug}?lang=${locale}`);
    this.send(response, 200, directoryPage(organizations, locale, this.baseUrl(request)));
  }

  @Get(':org') home(@Param('org') org: string, @Query('lang') lang: string, @Req() request: Request, @Res() response: Response) {
    const locale = localeFrom(lang);
    return this.page(response, request, locale, async () => homePage(await this.help.home(slug(org)), locale, this.baseUrl(request)));
  }

  @Get(':org/sitemap.xml') async map(@Param('org') org: string, @Req() request: Request, @Res() response: Response) {
    try {
      const xml = sitemap(await this.help.home(slug(org)), this.baseUrl(request));
      response.status(200).type('application/xml').setHeader('Cache-Control', 'public, max-age=300');
      response.send(xml);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      response.status(404).type('text/plain').send('not found');
    }
  }

  @Get(':org/search') search(@Param('org') org: string, @Query('q') q: unknown, @Query('lang') lang: string, @Req() request: Request, @Res() response: Response) {
    const locale = localeFrom(lang);
    const words = typeof q === 'string' ? q.trim().slice(0, 200) : '';
    return this.page(response, request, locale, async () => {
      const found = await this.help.searchPublic(slug(org), words);
      return searchPage(found.organization, found.hits, words, locale, this.baseUrl(request));
    }, 'no-store');
  }

  @Get(':org/a/:slug') article(@Param('org') org: string, @Param('slug') item: string, @Query('lang') lang: string, @Req() request: Request, @Res() response: Response) {
    const locale = localeFrom(lang);
    return this.page(response, request, locale, async () => articlePage(await this.help.article(slug(org), slug(item)), { locale, baseUrl: this.baseUrl(request) }));
  }

  @Get(':org/a/:slug/file') async file(@Param('org') org: string, @Param('slug') item: string, @Query('lang') lang: string, @Req() request: Request, @Res() response: Response) {
    try {
      const file = await this.help.file(slug(org), slug(item));
      response.type(file.contentType).attachment(file.fileName).set({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300' }).send(file.bytes);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.send(response, 404, helpMessagePage(localeFrom(lang), HELP_TEXT[localeFrom(lang)].missing, this.baseUrl(request)));
    }
  }

  /** "Was this helpful?": the answer comes back as the same article with a thank-you in the form's place. */
  @Post(':org/a/:slug/feedback') async feedback(
    @Param('org') org: string, @Param('slug') item: string, @Query('lang') lang: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response,
  ) {
    const locale = localeFrom(lang);
    const t = HELP_TEXT[locale];
    const comment = typeof body?.comment === 'string' ? body.comment : null;
    const render = async (status: number, state: { kind: 'thanks' | 'error'; message: string }) =>
      this.send(response, status, articlePage(await this.help.article(slug(org), slug(item)), { locale, baseUrl: this.baseUrl(request), feedbackState: state }), 'no-store');
    try {
      await this.limiter.checkFeedback(request.ip ?? null);
      await this.help.addFeedback(slug(org), slug(item), { helpful: body?.helpful === 'yes', comment, locale });
      await render(201, { kind: 'thanks', message: t.thanks });
    } catch (error) {
      if (error instanceof NotFoundError) return this.send(response, 404, helpMessagePage(locale, t.missing, this.baseUrl(request)));
      if (error instanceof SubmissionsThrottled) return render(429, { kind: 'error', message: t.tooMany });
      if (error instanceof InvalidError) return render(422, { kind: 'error', message: t.tooLong });
      throw error;
    }
  }

  private async page(response: Response, request: Request, locale: Locale, render: () => Promise<string>, cache = 'public, max-age=60'): Promise<void> {
    try {
      this.send(response, 200, await render(), cache);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.send(response, 404, helpMessagePage(locale, HELP_TEXT[locale].missing, this.baseUrl(request)), 'no-store');
    }
  }

  private send(response: Response, status: number, body: string, cache = 'no-store'): void {
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.setHeader('Cache-Control', status === 200 ? cache : 'no-store');
    response.status(status).type('html').send(body);
  }

  /** The address people reach the product at: PUBLIC_URL when set, else the request's own host. */
  private baseUrl(request: Request): string {
    return (this.config.PUBLIC_URL ?? `${request.protocol}://${request.get('host')}`).replace(/\/$/, '');
  }
}

/** An address part that cannot be one answers as a missing page. */
function slug(value: string): string {
  if (!SLUG.test(value)) throw new NotFoundError('help center');
  return value;
}
