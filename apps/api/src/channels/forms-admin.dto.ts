import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ValidateEnum } from '@inbox/core';
import { TicketType, TicketTypeHint } from '@inbox/channels/contract';
import type { FormField, Localized } from '@inbox/channels/forms';

/** The deep shape of fields (labels, options, file limits) is checked by the forms library, which says which field is wrong. */
export class FormDto {
  @ApiProperty({ example: 'demo-complaint' }) @Matches(/^[a-z0-9][a-z0-9-]{1,79}$/)
  slug: string;

  @ValidateEnum(TicketTypeHint, 'TicketType')
  ticketType: TicketType;

  @ApiProperty({ example: { ar: 'تقديم شكوى', en: 'Submit a complaint' } }) @IsObject()
  title: Localized;

  @ApiProperty({ required: false }) @IsOptional() @IsObject()
  description?: Partial<Localized>;

  @ApiProperty({ required: false, description: 'The declaration the applicant confirms; the policy wording by default' }) @IsOptional() @IsObject()
  declaration?: Partial<Localized>;

  @ApiProperty({ type: [Object], description: 'key, type (text, phone, email, national_id, gender, branch, date, file, choice), label {ar, en}, required, ...' })
  @IsArray() @ArrayMaxSize(40) @IsObject({ each: true })
  fields: FormField[];

  @ApiProperty({ required: false }) @IsOptional() @IsBoolean()
  allowAnonymous?: boolean;

  @ApiProperty({ required: false }) @IsOptional() @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ required: false, description: 'Submissions per address per hour' }) @IsOptional() @IsInt() @Min(1) @Max(100_000)
  perIpPerHour?: number;

  @ApiProperty({ required: false, description: 'Submissions per minute from everyone' }) @IsOptional() @IsInt() @Min(1) @Max(100_000)
  perFormPerMinute?: number;

  @ApiProperty({ required: false, type: [String], description: 'Sites that may embed the form (https://www.example.org); any site when empty' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true })
  embedOrigins?: string[];
}

export class UpdateFormDto extends PartialType(FormDto) {}
