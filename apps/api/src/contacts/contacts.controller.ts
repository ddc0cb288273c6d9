import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ContactsService } from '@inbox/contacts';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ContactSearchDto, MergeContactDto, UpdateContactDto } from './contacts.dto';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  search(@CurrentActor() actor: Actor, @Query() query: ContactSearchDto) {
    return this.contacts.search(actor, { ...query, limit: query.limit ?? 25 });
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.contacts.detail(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateContactDto) {
    return this.contacts.update(actor, id, dto);
  }

  @Roles(Role.Admin, Role.Supervisor, Role.Agent)
  @Post(':id/merge')
  merge(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MergeContactDto) {
    return this.contacts.merge(actor, id, dto.sourceId);
  }
}
