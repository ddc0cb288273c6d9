import { Module } from '@nestjs/common';
import { FormsModule } from '@inbox/channels/forms';
import { ShelfModule } from '@inbox/shelf';
import { EarlyRoutes } from './early-routes';
import { FormPagesController } from './form-pages.controller';
import { HelpPagesController } from './help-pages.controller';
import { PublicFormsController } from './public-forms.controller';
import { SubmissionRateLimiter } from './submission-rate-limiter';
import { TrackPageController } from './track-page.controller';

/**
 * The public side of web forms: the pages (/f/:slug, its embeddable
 * variant, /track), the help center (/help), the JSON endpoints for integrators, and the sweep that
 * delivers stored submissions (here until the worker module lists it).
 */
@Module({
  imports: [FormsModule, ShelfModule],
  controllers: [FormPagesController, TrackPageController, PublicFormsController, HelpPagesController],
  providers: [EarlyRoutes, SubmissionRateLimiter],
  exports: [SubmissionRateLimiter],
})
export class PublicModule {}
