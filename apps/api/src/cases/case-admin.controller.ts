import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BeneficiaryReviewsService, CaseTypesService, ContactFileService } from '@inbox/cases';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { BeneficiaryStatusDto, CaseTypeDto } from './cases.dto';

/** The organization's request types: stages, who moves them, what each requires. Defaults until an admin edits one; reset goes back. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/case-types')
export class CaseTypesAdminController {
  constructor(private readonly types: CaseTypesService) {}

  @Get() list(@CurrentActor() actor: Actor) { return this.types.list(actor.organizationId); }
  @Put(':key') save(@CurrentActor() actor: Actor, @Param('key') key: string, @Body() dto: CaseTypeDto) { return this.types.save(actor, key, dto); }
  @Delete(':key') reset(@CurrentActor() actor: Actor, @Param('key') key: string) { return this.types.reset(actor, key); }
}

/** A contact's whole file, and their standing as a permanent beneficiary with its review dates. */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts/:id')
export class ContactFileController {
  constructor(private readonly files: ContactFileService, private readonly reviews: BeneficiaryReviewsService) {}

  @Roles(Role.Agent, Role.Supervisor, Role.Admin, Role.Researcher, Role.ComplaintsOfficer)
  @Get('file') file(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) { return this.files.file(actor, id); }

  @Roles(Role.Supervisor, Role.Admin, Role.Researcher)
  @Put('beneficiary') mark(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BeneficiaryStatusDto) {
    return this.reviews.mark(actor, id, dto);
  }
}
