import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FormDefinitionsService } from '@inbox/channels/forms';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { FormDto, UpdateFormDto } from './forms-admin.dto';

const Id = () => Param('id', ParseUUIDPipe);

/** Admins edit their organization's forms; the default ones appear on the first listing. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/forms')
export class FormsAdminController {
  constructor(private readonly forms: FormDefinitionsService) {}
  @Get() list(@CurrentActor() actor: Actor) { return this.forms.list(actor); }
  @Post() create(@CurrentActor() actor: Actor, @Body() dto: FormDto) { return this.forms.create(actor, dto); }
  @Get(':id') get(@CurrentActor() actor: Actor, @Id() id: string) { return this.forms.get(actor, id); }
  @Patch(':id') update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateFormDto) { return this.forms.update(actor, id, dto); }
  @Delete(':id') @HttpCode(204) remove(@CurrentActor() actor: Actor, @Id() id: string) { return this.forms.remove(actor, id); }
}
