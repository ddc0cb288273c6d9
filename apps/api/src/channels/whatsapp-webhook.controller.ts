import { Body, Controller, Get, Header, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CLOUD_SIGNATURE_HEADER, WhatsAppCloudWebhookService } from '@inbox/channels/whatsapp';
import { Public } from '../auth/auth.decorators';

/**
 * The callback URL to give Meta for a Cloud API number: the verification
 * handshake (GET) and the signed events (POST, checked over the exact bytes
 * Meta sent; the raw body is kept by EarlyRoutes).
 */
@ApiTags('channels')
@Public()
@Controller('channels/whatsapp')
export class WhatsAppWebhookController {
  constructor(private readonly webhook: WhatsAppCloudWebhookService) {}

  @Get(':accountId/webhook')
  @Header('content-type', 'text/plain; charset=utf-8')
  verify(
    @Param('accountId', ParseUUIDPipe) accountId: string,
    @Query('hub.mode') mode?: string, @Query('hub.verify_token') token?: string, @Query('hub.challenge') challenge?: string,
  ): Promise<string> {
    return this.webhook.handshake(accountId, mode, token, challenge);
  }

  @ApiHeader({ name: CLOUD_SIGNATURE_HEADER, description: 'sha256=<hex HMAC-SHA256 of the raw body with the app secret>' })
  @Post(':accountId/webhook')
  @HttpCode(200)
  receive(
    @Param('accountId', ParseUUIDPipe) accountId: string, @Req() request: Request & { rawBody?: Buffer }, @Body() body: unknown,
    @Headers(CLOUD_SIGNATURE_HEADER) signature?: string,
  ) {
    return this.webhook.receive(accountId, request.rawBody ?? Buffer.alloc(0), signature, body);
  }
}
