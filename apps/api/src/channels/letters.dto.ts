import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsBase64Text, ValidateLimit, ValidateText, ValidateUUID } from '@inbox/core';

export class ScannedPageDto {
  @ValidateText({ max: 255 }) fileName: string;
  @ApiProperty({ description: 'PDF, JPEG or PNG, base64' }) @IsBase64Text() @MinLength(1) contentBase64: string;
}

export class IncomingLetterDto {
  @ApiProperty({ required: false, nullable: true, format: 'uuid', description: 'The receiving branch; the user\'s own by default' }) @IsOptional() @IsUUID('4')
  branchId?: string | null;
  @ApiProperty({ required: false, example: '2024-12-01', description: 'The date written on the letter; today by default' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/)
  letterDate?: string;
  @ValidateText({ max: 300, description: 'Who sent it (a person or an organization)' }) sender: string;
  @ValidateText({ optional: true, max: 100, description: 'The sender\'s own number for the letter' }) senderReference?: string;
  @ValidateText({ max: 500 }) subject: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(1000) attachmentsCount: number;
  @ValidateUUID({ optional: true, description: 'The contact the letter is from; or give phone, email or nationalId' }) contactId?: string;
  @ValidateText({ optional: true, max: 200 }) contactName?: string;
  @ValidateText({ optional: true, max: 30 }) phone?: string;
  @ValidateText({ optional: true, max: 254 }) email?: string;
  @ValidateText({ optional: true, max: 20 }) nationalId?: string;
  @ValidateUUID({ optional: true, description: 'Add the letter to this ticket' }) ticketId?: string;
  @ValidateText({ optional: true, max: 4000, min: 0 }) notes?: string;
  @ApiProperty({ type: [ScannedPageDto], required: false })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ScannedPageDto)
  pages?: ScannedPageDto[];
}

export class RecipientDto {
  @ValidateText({ optional: true, max: 200 }) name?: string;
  @ValidateText({ optional: true, max: 500 }) address?: string;
}

export class OutgoingLetterDto {
  @ValidateUUID() ticketId: string;
  @ValidateUUID({ optional: true }) templateId?: string;
  @ApiProperty({ required: false, enum: ['ar', 'en'] }) @IsOptional() @IsIn(['ar', 'en']) locale?: 'ar' | 'en';
  @ValidateText({ optional: true, max: 500, description: 'Placeholders such as {{recipient.name}} are filled' }) subject?: string;
  @ValidateText({ optional: true, max: 20_000 }) body?: string;
  @ApiProperty({ required: false, type: RecipientDto }) @IsOptional() @ValidateNested() @Type(() => RecipientDto) recipient?: RecipientDto;
  @ApiProperty({ required: false }) @IsOptional() @IsInt() @Min(0) @Max(1000) attachmentsCount?: number;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
  @ValidateText({ optional: true, max: 200, description: 'Shown under the signature' }) senderTitle?: string;
}

export class DispatchDto {
  @ApiProperty({ enum: ['hand', 'post', 'email'] }) @IsIn(['hand', 'post', 'email']) method: 'hand' | 'post' | 'email';
  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString() at?: string;
  @ValidateUUID({ optional: true, description: 'Email: which of the contact\'s addresses' }) identityId?: string;
}

export class LetterListDto {
  @ApiProperty({ required: false, enum: ['incoming', 'outgoing'] }) @IsOptional() @IsIn(['incoming', 'outgoing']) direction?: 'incoming' | 'outgoing';
  @ApiProperty({ required: false, description: 'Hijri year' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1300) @Max(1600) year?: number;
  @ValidateLimit({ max: 200 }) limit?: number;
}

export class LetterSettingsDto {
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() numberPerBranch?: boolean;
  @ValidateText({ optional: true, max: 10 }) incomingPrefix?: string;
  @ValidateText({ optional: true, max: 10 }) outgoingPrefix?: string;
  @ApiProperty({ required: false, type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(6) @IsString({ each: true }) @MaxLength(200, { each: true }) letterheadLines?: string[];
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @MaxLength(500) footer?: string | null;
  @ApiProperty({ required: false, nullable: true, description: 'PNG or JPEG, base64; null removes it' }) @IsOptional() @IsBase64Text() logoBase64?: string | null;
}

export class LetterTemplateDto {
  @ValidateText({ max: 200 }) name: string;
  @ApiProperty({ enum: ['ar', 'en'] }) @IsIn(['ar', 'en']) locale: 'ar' | 'en';
  @ValidateText({ max: 500 }) subject: string;
  @ValidateText({ max: 20_000 }) body: string;
}

export class UpdateLetterTemplateDto extends PartialType(LetterTemplateDto) {}
