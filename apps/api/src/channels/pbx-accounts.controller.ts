import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags, PartialType } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ValidateText } from '@inbox/core';
import { PbxAccountsService } from '@inbox/channels/calls';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Roles } from '../auth/auth.decorators';

export class PbxAccountDto {
  @ValidateText({ max: 200 }) name: string;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
  @ApiProperty({ required: false, example: { 201: 'agent@example.org' }, description: 'PBX extension -> the agent\'s email' }) @IsOptional() @IsObject()
  extensions?: Record<string, string>;
  @ApiProperty({ required: false, description: 'Business minutes to call back a missed call (120 by default)' }) @IsOptional() @IsInt() @Min(5) @Max(10_080)
  callbackMinutes?: number;
}

export class UpdatePbxAccountDto extends PartialType(PbxAccountDto) {}

/** PBXs (phone channel accounts): listed with the other channel accounts; made and changed here, where their secret is generated. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/pbx-accounts')
export class PbxAccountsController {
  constructor(private readonly pbx: PbxAccountsService) {}
  @Post() create(@CurrentActor() actor: Actor, @Body() dto: PbxAccountDto) { return this.pbx.create(actor, dto); }
  @Patch(':id') update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdatePbxAccountDto) { return this.pbx.update(actor, id, dto); }
  @Post(':id/rotate-secret') @HttpCode(200) rotate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) { return this.pbx.rotateSecret(actor, id); }
}
