import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ValidateEnum, ValidateLimit, ValidateText, ValidateUUID } from '@inbox/core';
import { ContactKind, Gender, IdentityKind } from '@inbox/contacts';

export class ContactSearchDto {
  @ValidateText({ optional: true, max: 200 })
  q?: string;

  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(300)
  cursor?: string;

  @ValidateLimit({ max: 100 })
  limit?: number;
}

export class IdentityDto {
  @ValidateEnum(IdentityKind, 'IdentityKind')
  kind: IdentityKind;

  @ValidateText({ max: 254 })
  value: string;
}

export class UpdateContactDto {
  @ValidateText({ optional: true, max: 200 })
  name?: string;

  @ApiProperty({ required: false, nullable: true, enum: Gender }) @IsOptional() @IsIn([...Object.values(Gender), null])
  gender?: Gender | null;

  @ValidateEnum(ContactKind, 'ContactKind', { optional: true })
  kind?: ContactKind;

  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4')
  branchId?: string | null;

  @ValidateText({ optional: true, max: 5000, min: 0 })
  notes?: string;

  @ApiProperty({ required: false, type: [IdentityDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => IdentityDto)
  addIdentities?: IdentityDto[];

  @ApiProperty({ required: false, type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('4', { each: true })
  removeIdentityIds?: string[];
}

export class MergeContactDto {
  @ValidateUUID({ description: 'The contact folded into this one and then removed' })
  sourceId: string;
}
