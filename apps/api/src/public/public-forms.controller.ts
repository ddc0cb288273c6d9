import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FormSubmissionsService, FormTrackingService } from '@inbox/channels/forms';
import { ClientIp, Public } from '../auth/auth.decorators';
import { FormSubmissionDto, SlugParams, TrackingCodeParams } from './public-forms.dto';
import { SubmissionRateLimiter } from './submission-rate-limiter';

/** The forms for integrators: read a form, submit to it, track a request. Same checks and limits as the pages. */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicFormsController {
  constructor(
    private readonly submissions: FormSubmissionsService,
    private readonly tracking: FormTrackingService,
    private readonly limiter: SubmissionRateLimiter,
  ) {}

  @Get('forms/:slug')
  async form(@Param() params: SlugParams) {
    const { form, organization, branches } = await this.submissions.publicForm(params.slug);
    return {
      slug: form.slug, ticketType: form.ticketType, title: form.title, description: form.description, declaration: form.declaration,
      allowAnonymous: form.allowAnonymous, fields: form.fields, organization: { name: organization.name }, branches,
    };
  }

  @Post('forms/:slug/submissions')
  async submit(@Param() params: SlugParams, @Body() dto: FormSubmissionDto, @ClientIp() ip: string | null, @Headers('user-agent') userAgent?: string) {
    const { form } = await this.submissions.publicForm(params.slug);
    await this.limiter.check(form, ip);
    const receipt = await this.submissions.submit(params.slug, {
      values: dto.values,
      files: (dto.files ?? []).map((f) => ({ field: f.field, fileName: f.fileName, bytes: Buffer.from(f.contentBase64, 'base64') })),
      declaration: dto.declaration === true,
      anonymous: dto.anonymous === true,
      honeypot: dto.website,
      locale: dto.locale ?? 'ar',
    }, { ip, userAgent: userAgent ?? null });
    return { ...receipt, trackUrl: '/track' };
  }

  @Get('track/:code')
  async track(@Param() params: TrackingCodeParams, @ClientIp() ip: string | null) {
    await this.limiter.checkTracking(ip);
    return this.tracking.track(params.code);
  }
}
