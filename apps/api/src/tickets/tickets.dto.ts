import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ValidateEnum, ValidateLimit, ValidateText, ValidateUUID } from '@inbox/core';
import { ChannelKind, TicketTypeHint } from '@inbox/channels/contract';
import { TicketPriority, TicketStatus } from '@inbox/tickets';
import { InboundAttachmentDto } from '../channels/inbound.dto';

const STATUSES = Object.values(TicketStatus);

export class TicketListQueryDto {
  @ApiProperty({ required: false, description: 'Comma-separated statuses, e.g. new,open,pending' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @IsIn(STATUSES, { each: true })
  status?: TicketStatus[];

  @ValidateUUID({ optional: true })
  teamId?: string;

  @ApiProperty({ required: false, description: 'me, none or a user id' })
  @IsOptional() @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assignee must be me, none or a user id' })
  assignee?: string;

  @ValidateEnum(ChannelKind, 'ChannelKind', { optional: true })
  channel?: ChannelKind;

  @ValidateEnum(TicketTypeHint, 'TicketType', { optional: true })
  type?: string;

  @ValidateEnum(TicketPriority, 'TicketPriority', { optional: true })
  priority?: TicketPriority;

  @ValidateText({ optional: true, max: 200 })
  q?: string;

  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(300)
  cursor?: string;

  @ValidateLimit({ max: 200 })
  limit?: number;
}

export class UpdateTicketDto {
  @ValidateEnum(TicketStatus, 'TicketStatus', { optional: true })
  status?: TicketStatus;

  @ValidateEnum(TicketPriority, 'TicketPriority', { optional: true })
  priority?: TicketPriority;

  @ValidateEnum(TicketTypeHint, 'TicketType', { optional: true })
  type?: (typeof TicketTypeHint)[keyof typeof TicketTypeHint];

  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4')
  teamId?: string | null;

  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4')
  assigneeId?: string | null;
}

export class WhatsAppTemplateDto {
  @ValidateText({ max: 512 }) name: string;
  @ApiProperty({ example: 'ar' }) @IsString() @Matches(/^[a-z]{2,3}(_[A-Z]{2})?$/) language: string;
  @ApiProperty({ type: [String], description: 'The values of {{1}}, {{2}}, … in order' })
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(1000, { each: true }) parameters: string[];
}

export class CreateMessageDto {
  @ValidateText({ max: 20_000, optional: true, description: 'The reply or note; with a WhatsApp template, the template\'s rendered text is sent instead' })
  body?: string;

  @ApiProperty({ required: false, type: [InboundAttachmentDto], maxItems: 5, description: 'Files sent with the reply (or kept with the note), base64 encoded' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => InboundAttachmentDto)
  attachments?: InboundAttachmentDto[];

  @ApiProperty({ required: false, type: WhatsAppTemplateDto, description: 'An approved template: the only reply WhatsApp takes outside its 24-hour window' })
  @IsOptional() @ValidateNested() @Type(() => WhatsAppTemplateDto)
  whatsappTemplate?: WhatsAppTemplateDto;

  @ApiProperty({ required: false, default: false }) @IsOptional() @IsBoolean()
  internal?: boolean;

  @ApiProperty({ required: false, type: [String], description: 'User ids to notify; each must be able to see the ticket' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('4', { each: true })
  mentions?: string[];

  @ApiProperty({ required: false, format: 'uuid', description: "Reply to this identity of the contact instead of the ticket's own channel" })
  @IsOptional() @IsUUID('4')
  identityId?: string;
}

export class BulkUpdateTicketsDto extends UpdateTicketDto {
  @ApiProperty({ type: [String], maxItems: 200 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsUUID('4', { each: true })
  ticketIds: string[];
}
