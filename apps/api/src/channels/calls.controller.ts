import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CallImportsService, CallsService } from '@inbox/channels/calls';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CallImportDto, CallLogDto, FollowUpQueryDto } from './calls.dto';

/** Calls logged by hand, the follow-ups they leave, and imports of a PBX's call records. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService, private readonly imports: CallImportsService) {}

  @Roles(Role.Admin, Role.Supervisor, Role.Agent, Role.ComplaintsOfficer, Role.Researcher)
  @Post() log(@CurrentActor() actor: Actor, @Body() dto: CallLogDto) {
    return this.calls.log(actor, { ...dto, startedAt: dto.startedAt ? new Date(dto.startedAt) : undefined });
  }

  @Get('follow-ups') followUps(@CurrentActor() actor: Actor, @Query() query: FollowUpQueryDto) {
    return this.calls.followUps(actor, { open: query.open ?? true, mine: query.mine ?? false, limit: query.limit ?? 50 });
  }

  @Post('follow-ups/:id/done') @HttpCode(204) done(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.calls.complete(actor, id);
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Post('import') @HttpCode(200) import(@CurrentActor() actor: Actor, @Body() dto: CallImportDto) {
    return this.imports.run(actor, dto);
  }
}
