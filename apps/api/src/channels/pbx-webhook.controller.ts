import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { PBX_SIGNATURE_HEADER, PBX_TIMESTAMP_HEADER, PbxEventsService, readPbxEvent } from '@inbox/channels/calls';
import { Public } from '../auth/auth.decorators';

/**
 * Where a PBX reports its calls (Asterisk dialplan or AGI with curl, FreePBX,
 * 3CX's CRM template): ringing, answered, ended, as JSON or form fields,
 * signed with the account's webhook secret over the exact bytes sent (the
 * raw body is kept by EarlyRoutes).
 */
@ApiTags('channels')
@Public()
@Controller('channels/pbx')
export class PbxWebhookController {
  constructor(private readonly pbx: PbxEventsService) {}

  @ApiHeader({ name: PBX_TIMESTAMP_HEADER, description: 'Unix seconds; within five minutes of ours' })
  @ApiHeader({ name: PBX_SIGNATURE_HEADER, description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the account\'s webhookSecret>' })
  @Post(':accountId/events')
  @HttpCode(202)
  async event(
    @Param('accountId', ParseUUIDPipe) accountId: string, @Req() request: Request & { rawBody?: Buffer }, @Body() body: Record<string, unknown>,
    @Headers(PBX_TIMESTAMP_HEADER) timestamp?: string, @Headers(PBX_SIGNATURE_HEADER) signature?: string,
  ) {
    const account = await this.pbx.authenticate(accountId, timestamp, signature, request.rawBody ?? Buffer.alloc(0));
    return this.pbx.handle(account, readPbxEvent(body));
  }
}
