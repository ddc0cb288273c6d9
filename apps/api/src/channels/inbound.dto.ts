import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested,
} from 'class-validator';
import { IsBase64Text, ValidateEnum, ValidateText } from '@inbox/core';
import { TicketTypeHint } from '@inbox/channels/contract';

export class SenderIdentityDto {
  @ApiProperty({ enum: ['phone', 'email', 'whatsapp', 'national_id'] }) @IsIn(['phone', 'email', 'whatsapp', 'national_id'])
  kind: 'phone' | 'email' | 'whatsapp' | 'national_id';

  @ValidateText({ max: 254 })
  value: string;
}

export class SenderDto {
  @ValidateText({ optional: true, max: 200 })
  name?: string;

  @ApiProperty({ required: false, enum: ['male', 'female'] }) @IsOptional() @IsIn(['male', 'female'])
  gender?: 'male' | 'female';

  @ApiProperty({ type: [SenderIdentityDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => SenderIdentityDto)
  identities: SenderIdentityDto[];
}

export class InboundAttachmentDto {
  @ValidateText({ max: 255 })
  fileName: string;

  @ApiProperty({ example: 'application/pdf' }) @IsString() @MaxLength(200)
  contentType: string;

  @ApiProperty({ description: 'The file, base64 encoded' }) @IsBase64Text() @MinLength(1)
  contentBase64: string;
}

export class InboundMessageDto {
  @ValidateText({ max: 500, description: 'Your id for this message; sending it again does not create a second message' })
  externalId: string;

  @ApiProperty({ type: SenderDto }) @ValidateNested() @Type(() => SenderDto)
  sender: SenderDto;

  @ValidateText({ optional: true, max: 500 })
  subject?: string;

  @ValidateText({ optional: true, max: 50_000, min: 0 })
  text?: string;

  @ApiProperty({ required: false, type: [InboundAttachmentDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => InboundAttachmentDto)
  attachments?: InboundAttachmentDto[];

  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString()
  sentAt?: string;

  @ApiProperty({ required: false, type: [String], description: 'externalIds of earlier messages this one answers' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true })
  replyTo?: string[];

  @ValidateText({ optional: true, max: 40 })
  ticketReference?: string;

  @ValidateEnum(TicketTypeHint, 'TicketType', { optional: true })
  type?: (typeof TicketTypeHint)[keyof typeof TicketTypeHint];

  @ApiProperty({ required: false, type: Object }) @IsOptional() @IsObject()
  metadata?: Record<string, unknown>;
}
