import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import escapeHtml from 'escape-html';
import { Response } from 'express';
import { DomainError } from '@inbox/core';
import { SurveyPage, SurveysService } from '@inbox/tickets';
import { Public } from '../auth/auth.decorators';

const TEXT = {
  ar: {
    title: 'تقييم الخدمة', question: 'كيف تقيّمون الخدمة التي تلقيتموها؟', processQuestion: 'كيف تقيّمون طريقة التعامل مع شكواكم؟ (لا نتيجتها)',
    scale: ['ضعيفة جدًا', 'ضعيفة', 'مقبولة', 'جيدة', 'ممتازة'], comment: 'ملاحظاتكم (اختياري)', send: 'إرسال التقييم',
    thanks: 'شكرًا لتقييمكم، وصلنا.', already: 'سبق تسجيل تقييمكم لهذا الطلب. شكرًا لكم.', closed: 'انتهت صلاحية هذا الاستبيان.',
    pick: 'اختاروا تقييمًا من 1 إلى 5.', missing: 'لم نجد هذا الاستبيان.', reference: 'الطلب',
  },
  en: {
    title: 'Rate our service', question: 'How would you rate the service you received?', processQuestion: 'How would you rate the way your complaint was handled? (not its outcome)',
    scale: ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'], comment: 'Your comments (optional)', send: 'Send my rating',
    thanks: 'Thank you, your rating has been received.', already: 'Your rating for this request was already recorded. Thank you.', closed: 'This survey has expired.',
    pick: 'Choose a rating from 1 to 5.', missing: 'We could not find this survey.', reference: 'Request',
  },
};

type Locale = keyof typeof TEXT;

/**
 * The survey page at /s/:token. Opening it (as mail scanners do) records
 * nothing; only the form's POST saves the rating. Server-rendered, works
 * without JavaScript, RTL or LTR.
 */
@ApiExcludeController()
@Public()
@Controller('s')
export class SurveyPagesController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':token')
  @Header('cache-control', 'no-store')
  @Header('x-robots-tag', 'noindex')
  async show(@Param('token') token: string, @Query('lang') lang: string | undefined, @Res() response: Response): Promise<void> {
    await this.respond(response, token, lang, async (survey) => this.form(survey, token, lang));
  }

  @Post(':token')
  @HttpCode(200)
  @Throttle({ login: {} })
  async submit(@Param('token') token: string, @Query('lang') lang: string | undefined, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.respond(response, token, lang, async (survey) => {
      if (survey.status !== 'sent') return this.form(survey, token, lang);
      const rating = Number(body?.rating);
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) return this.form(survey, token, lang, TEXT[localeOf(survey, lang)].pick);
      const comment = typeof body?.comment === 'string' ? body.comment.slice(0, 2000) : null;
      const answered = await this.surveys.answer(token, rating, comment);
      return this.message(answered, lang, TEXT[localeOf(answered, lang)].thanks);
    });
  }

  private async respond(response: Response, token: string, lang: string | undefined, render: (survey: SurveyPage) => Promise<string>): Promise<void> {
    response.type('html').set({ 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" });
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) {
      response.status(404).send(shell(lang === 'en' ? 'en' : 'ar', TEXT.ar.title, `<p>${TEXT[lang === 'en' ? 'en' : 'ar'].missing}</p>`));
      return;
    }
    try {
      response.send(await render(await this.surveys.page(token)));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const locale: Locale = lang === 'en' ? 'en' : 'ar';
      response.status(404).send(shell(locale, TEXT[locale].title, `<p>${TEXT[locale].missing}</p>`));
    }
  }

  private async form(survey: SurveyPage, token: string, lang: string | undefined, error?: string): Promise<string> {
    const locale = localeOf(survey, lang);
    const text = TEXT[locale];
    if (survey.status === 'answered') return this.message(survey, lang, text.already);
    if (survey.status !== 'sent') return this.message(survey, lang, text.closed);
    const choices = [1, 2, 3, 4, 5].map((n) =>
      `<label class="choice"><input type="radio" name="rating" value="${n}" required> <span><bdi>${n}</bdi> — ${escapeHtml(text.scale[n - 1])}</span></label>`).join('');
    return shell(locale, text.title, `
      ${header(survey, locale)}
      <form method="post" action="/s/${escapeHtml(token)}?lang=${locale}">
        <fieldset><legend>${escapeHtml(survey.processOnly ? text.processQuestion : text.question)}</legend>${choices}</fieldset>
        ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
        <label for="comment">${escapeHtml(text.comment)}</label>
        <textarea id="comment" name="comment" dir="auto" maxlength="2000"></textarea>
        <button type="submit">${escapeHtml(text.send)}</button>
      </form>`);
  }

  private message(survey: SurveyPage, lang: string | undefined, line: string): string {
    const locale = localeOf(survey, lang);
    return shell(locale, TEXT[locale].title, `${header(survey, locale)}<p role="status">${escapeHtml(line)}</p>`);
  }
}

const localeOf = (survey: SurveyPage, lang: string | undefined): Locale => (lang === 'en' || lang === 'ar' ? lang : survey.locale);

function header(survey: SurveyPage, locale: Locale): string {
  return `<p class="org" dir="auto">${escapeHtml(survey.organization[locale])}</p>
    <p>${escapeHtml(TEXT[locale].reference)}: <bdi>${escapeHtml(survey.reference)}</bdi></p>`;
}

function shell(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>
body{margin:0;font-family:"IBM Plex Sans Arabic","Noto Sans Arabic","Segoe UI",Tahoma,system-ui,sans-serif;font-size:1.0625rem;line-height:1.6;color:#1b1f24;background:#f4f6f8}
main{max-inline-size:36rem;margin-inline:auto;padding:1rem}.card{background:#fff;border:1px solid #d5dbe1;border-radius:.75rem;padding:1.25rem}
h1{font-size:1.4rem;margin:0 0 .5rem}.org{font-weight:600;color:#33404d;margin:0}fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:700;margin-block-end:.5rem}
.choice{display:flex;align-items:center;gap:.5rem;min-block-size:2.75rem}input[type=radio]{inline-size:1.25rem;block-size:1.25rem}
textarea{display:block;inline-size:100%;box-sizing:border-box;min-block-size:6rem;font:inherit;padding:.6rem;border:1px solid #8a96a3;border-radius:.5rem;margin-block:.3rem 1rem}
button{font:inherit;font-weight:700;min-block-size:3rem;padding:.7rem 1.25rem;border:0;border-radius:.5rem;background:#0b5cad;color:#fff;inline-size:100%}
.error{color:#b3261e;font-weight:700}.error::before{content:"⚠ "}
:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
</style></head><body><main><div class="card"><h1>${escapeHtml(title)}</h1>${body}</div></main></body></html>`;
}
