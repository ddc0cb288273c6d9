import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ValidateText } from '@inbox/core';
import { SHELF_TEXT_MAX } from '@inbox/shelf';

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const SLUG_MESSAGE = 'slug must be lower-case Latin letters, digits and dashes (at most 80)';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AUDIENCES = ['internal', 'public'] as const;
/** Multipart fields arrive as text; an empty one means "not given". */
const emptyIsAbsent = () => Transform(({ value }) => (value === '' ? undefined : value));

export class CategoryDto {
  @ApiProperty({ example: 'support' }) @Matches(SLUG, { message: SLUG_MESSAGE }) slug: string;
  @ValidateText({ max: 120 }) nameAr: string;
  @ValidateText({ max: 120 }) nameEn: string;
  @ApiProperty({ required: false }) @IsOptional() @IsInt() @Min(0) @Max(10_000) position?: number;
}

export class UpdateCategoryDto {
  @ApiProperty({ required: false }) @IsOptional() @Matches(SLUG, { message: SLUG_MESSAGE }) slug?: string;
  @ValidateText({ max: 120, optional: true }) nameAr?: string;
  @ValidateText({ max: 120, optional: true }) nameEn?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsInt() @Min(0) @Max(10_000) position?: number;
}

/** What every version carries beside its content. */
class VersionFactsDto {
  @ApiProperty({ required: false }) @emptyIsAbsent() @IsOptional() @IsString() @MaxLength(200) titleAr?: string;
  @ApiProperty({ required: false }) @emptyIsAbsent() @IsOptional() @IsString() @MaxLength(200) titleEn?: string;
  @ApiProperty({ required: false, example: 'Approved by the board in session 19' }) @emptyIsAbsent() @IsOptional() @IsString() @MaxLength(300) approval?: string;
  @ApiProperty({ required: false, example: '2026-03-01' }) @emptyIsAbsent() @IsOptional() @Matches(DATE, { message: 'approvedOn must be YYYY-MM-DD' }) approvedOn?: string;
  @ApiProperty({ required: false, description: 'What changed in this version' }) @emptyIsAbsent() @IsOptional() @IsString() @MaxLength(500) changeNote?: string;
}

export class ArticleVersionDto extends VersionFactsDto {
  @ApiProperty({ required: false, description: 'HTML from the editor; reduced to paragraphs, headings, lists, emphasis and links' })
  @IsOptional() @IsString() @MaxLength(400_000) bodyAr?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(400_000) bodyEn?: string;
}

export class ArticleDto extends ArticleVersionDto {
  @ApiProperty({ example: 'how-to-apply' }) @Matches(SLUG, { message: SLUG_MESSAGE }) slug: string;
  @ApiProperty({ required: false, format: 'uuid' }) @IsOptional() @IsUUID('4') categoryId?: string;
  @ApiProperty({ required: false, enum: AUDIENCES, default: 'internal' }) @IsOptional() @IsIn(AUDIENCES) audience?: 'internal' | 'public';
}

/** The fields beside the file in a document upload (multipart/form-data). */
export class DocumentVersionDto extends VersionFactsDto {
  @ApiProperty({ enum: ['ar', 'en', 'both'] }) @IsIn(['ar', 'en', 'both']) language: 'ar' | 'en' | 'both';
  @ApiProperty({ required: false, description: "The text as typed in: required for a scanned page (an image); for a PDF or Word file it replaces the file's own text" })
  @emptyIsAbsent() @IsOptional() @IsString() @MaxLength(SHELF_TEXT_MAX) text?: string;
}

export class DocumentDto extends DocumentVersionDto {
  @ApiProperty({ example: 'bylaws' }) @Matches(SLUG, { message: SLUG_MESSAGE }) slug: string;
  @ApiProperty({ required: false, format: 'uuid' }) @emptyIsAbsent() @IsOptional() @IsUUID('4') categoryId?: string;
  @ApiProperty({ required: false, enum: AUDIENCES, default: 'internal' }) @emptyIsAbsent() @IsOptional() @IsIn(AUDIENCES) audience?: 'internal' | 'public';
}

export class UpdateShelfItemDto {
  @ApiProperty({ required: false }) @IsOptional() @Matches(SLUG, { message: SLUG_MESSAGE }) slug?: string;
  @ApiProperty({ required: false, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsUUID('4') categoryId?: string | null;
  @ApiProperty({ required: false, enum: AUDIENCES }) @IsOptional() @IsIn(AUDIENCES) audience?: 'internal' | 'public';
  @ApiProperty({ required: false, description: 'Archived items leave search and the help center; their history stays' }) @IsOptional() @IsBoolean() archived?: boolean;
}

export class CurrentVersionDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(100_000) number: number;
}

export class ShelfListDto {
  @ApiProperty({ required: false, enum: ['document', 'article'] }) @IsOptional() @IsIn(['document', 'article']) kind?: 'document' | 'article';
  @ApiProperty({ required: false, format: 'uuid' }) @IsOptional() @IsUUID('4') categoryId?: string;
  @ApiProperty({ required: false }) @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() archived?: boolean;
}

export class ShelfSearchDto {
  @ValidateText({ max: 200 }) q: string;
}

export class FeedbackListDto {
  @ApiProperty({ required: false, format: 'uuid' }) @IsOptional() @IsUUID('4') itemId?: string;
}
