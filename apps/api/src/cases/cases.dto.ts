import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { ValidateText, ValidateUUID } from '@inbox/core';
import { Role } from '@inbox/tenancy';

const KEY = /^[a-z][a-z0-9_]{1,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AssignVisitDto {
  @ValidateUUID({ description: 'The delegate or researcher sent' }) assigneeId: string;
  @ApiProperty({ required: false, example: '2026-12-20', description: 'The day the visit should be made by' })
  @IsOptional() @IsString() @Matches(DATE, { message: 'dueOn must be a date, YYYY-MM-DD' }) dueOn?: string;
  @ValidateText({ optional: true, max: 2000, description: 'What to look at, where to find them' }) instructions?: string;
}

export class BeneficiaryStatusDto {
  @ApiProperty() @IsBoolean() permanent: boolean;
  @ApiProperty({ required: false, default: 12, minimum: 1, maximum: 60 }) @IsOptional() @IsInt() @Min(1) @Max(60) reviewEveryMonths?: number;
  @ApiProperty({ required: false, example: '2027-06-01', description: 'The first review; by default one interval from today' })
  @IsOptional() @IsString() @Matches(DATE, { message: 'nextReviewOn must be a date, YYYY-MM-DD' }) nextReviewOn?: string;
}

export class LabelDto {
  @ValidateText({ max: 120 }) ar: string;
  @ValidateText({ max: 120 }) en: string;
}

export class AskDto {
  @ValidateText({ max: 300 }) ar: string;
  @ValidateText({ max: 300 }) en: string;
}

export class ChecklistItemDto {
  @ApiProperty({ example: 'national_id_copy' }) @IsString() @Matches(KEY) key: string;
  @ApiProperty({ enum: ['document', 'check', 'declaration'] }) @IsIn(['document', 'check', 'declaration']) kind: 'document' | 'check' | 'declaration';
  @ApiProperty({ type: LabelDto }) @ValidateNested() @Type(() => LabelDto) label: LabelDto;
  @ApiProperty({ type: AskDto, description: 'How the applicant is asked for it' }) @ValidateNested() @Type(() => AskDto) ask: AskDto;
}

export class RegistersDto {
  @ApiProperty({ minimum: 1, maximum: 60 }) @IsInt() @Min(1) @Max(60) reviewEveryMonths: number;
}

export class CaseStageDto {
  @ApiProperty({ example: 'committee' }) @IsString() @Matches(KEY) key: string;
  @ApiProperty({ type: LabelDto }) @ValidateNested() @Type(() => LabelDto) label: LabelDto;
  @ApiProperty({ enum: Object.values(Role), isArray: true, description: 'Who may move a case into this stage' })
  @IsArray() @ArrayMaxSize(6) @IsIn(Object.values(Role), { each: true }) roles: Role[];
  @ApiProperty({ type: [String], description: 'Checklist items done before a case enters it' })
  @IsArray() @ArrayMaxSize(40) @IsString({ each: true }) @Matches(KEY, { each: true }) requires: string[];
  @ApiProperty({ type: [String], description: 'Stages a case may go to from here' })
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Matches(KEY, { each: true }) next: string[];
  @ApiProperty({ required: false, description: 'The applicant is told when a case reaches it' }) @IsOptional() @IsBoolean() notify?: boolean;
  @ApiProperty({ required: false, type: RegistersDto, description: 'Reaching it makes the applicant a permanent beneficiary' })
  @IsOptional() @ValidateNested() @Type(() => RegistersDto) registers?: RegistersDto;
}

export class CaseTypeDto {
  @ApiProperty({ type: LabelDto }) @ValidateNested() @Type(() => LabelDto) label: LabelDto;
  @ApiProperty({ type: [ChecklistItemDto] }) @IsArray() @ArrayMaxSize(40) @ValidateNested({ each: true }) @Type(() => ChecklistItemDto)
  checklist: ChecklistItemDto[];
  @ApiProperty({ type: [CaseStageDto], description: 'The first is where cases open' })
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CaseStageDto)
  stages: CaseStageDto[];
}
