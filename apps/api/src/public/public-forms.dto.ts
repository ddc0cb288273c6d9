import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsBase64Text, ValidateText } from '@inbox/core';

export class SlugParams {
  @ApiProperty({ example: 'demo-complaint' }) @Matches(/^[a-z0-9][a-z0-9-]{1,79}$/i)
  slug: string;
}

export class TrackingCodeParams {
  @ApiProperty({ example: 'K7M2Q9TXW4HD' }) @Matches(/^[A-Za-z0-9-]{6,40}$/)
  code: string;
}

export class FormFileDto {
  @ValidateText({ max: 40, description: 'The key of the file field' })
  field: string;

  @ValidateText({ max: 255 })
  fileName: string;

  @ApiProperty({ description: 'The file, base64 encoded; its kind is read from its bytes, not from its name' }) @IsBase64Text() @MinLength(1)
  contentBase64: string;
}

export class FormSubmissionDto {
  @ApiProperty({ type: Object, example: { name: 'سارة', phone: '0501234567', details: '...' }, description: 'Answers by field key' })
  @IsObject()
  values: Record<string, unknown>;

  @ApiProperty({ required: false, type: [FormFileDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(15) @ValidateNested({ each: true }) @Type(() => FormFileDto)
  files?: FormFileDto[];

  @ApiProperty({ description: 'The applicant confirms the declaration (the data is correct, they are responsible for it); required to be true' })
  @IsOptional() @IsBoolean()
  declaration?: boolean;

  @ApiProperty({ required: false, description: 'Submit without name or contact details, where the form allows it (complaints)' })
  @IsOptional() @IsBoolean()
  anonymous?: boolean;

  @ApiProperty({ required: false, enum: ['ar', 'en'] }) @IsOptional() @IsIn(['ar', 'en'])
  locale?: 'ar' | 'en';

  @ApiProperty({ required: false, description: 'Leave empty: a honeypot for robots' }) @IsOptional() @IsString() @MaxLength(500)
  website?: string;
}
