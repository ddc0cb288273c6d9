import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidateLimit, ValidateText, ValidateUUID } from '@inbox/core';

export class CallLogDto {
  @ApiProperty({ enum: ['incoming', 'outgoing'] }) @IsIn(['incoming', 'outgoing'])
  direction: 'incoming' | 'outgoing';

  @ValidateText({ optional: true, max: 30, description: 'The other party\'s number (05xxxxxxxx, +966..., Arabic-Indic digits accepted)' })
  number?: string;

  @ValidateUUID({ optional: true, description: 'Or the contact, whose phone is used' })
  contactId?: string;

  @ApiProperty({ required: false, format: 'date-time', description: 'When the call started; now by default' }) @IsOptional() @IsDateString()
  startedAt?: string;

  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(86_400)
  durationSeconds: number;

  @ApiProperty({ enum: ['answered', 'missed', 'callback_needed'] }) @IsIn(['answered', 'missed', 'callback_needed'])
  outcome: 'answered' | 'missed' | 'callback_needed';

  @ValidateText({ optional: true, max: 4000, min: 0 })
  notes?: string;

  @ValidateUUID({ optional: true, description: 'Add the call to this ticket' })
  ticketId?: string;

  @ApiProperty({ required: false, description: 'Open a new ticket for the call instead of joining the caller\'s open phone ticket' }) @IsOptional() @IsBoolean()
  newTicket?: boolean;

  @ValidateText({ optional: true, max: 100, description: 'Your id for this log: sending it again logs once' })
  clientKey?: string;
}

export class FollowUpQueryDto {
  @ApiProperty({ required: false, description: 'Only those not done (default true)' }) @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : value === true || value === 'true')) @IsBoolean()
  open?: boolean;

  @ApiProperty({ required: false, description: 'Only those assigned to me' }) @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : value === true || value === 'true')) @IsBoolean()
  mine?: boolean;

  @ValidateLimit({ max: 200 }) limit?: number;
}

export class CallImportDto {
  @ApiProperty({ description: 'The export as CSV text (a header row, or Asterisk\'s Master.csv)' }) @IsString() @MaxLength(2 * 1024 * 1024 + 1024)
  csv: string;

  @ApiProperty({ description: 'Check and show the rows, write nothing' }) @IsBoolean()
  preview: boolean;

  @ValidateUUID({ optional: true, description: 'The PBX account the export comes from (its call ids then match its webhook\'s)' })
  accountId?: string;
}
