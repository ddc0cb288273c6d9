import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AuthService } from '@inbox/auth';
import { Actor, TenancyService } from '@inbox/tenancy';
import { ClientIp, CurrentActor, Public } from './auth.decorators';
import { LoginDto, LogoutDto, RefreshDto } from './auth.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly tenancy: TenancyService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ login: {} })
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @ClientIp() ip: string | null) {
    return this.auth.login(dto.email, dto.password, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentActor() actor: Actor, @Body() dto: LogoutDto) {
    return this.auth.logout(actor, dto.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentActor() actor: Actor) {
    const user = await this.tenancy.getUser(actor, actor.userId);
    return { ...user, teamIds: actor.teamIds };
  }
}
