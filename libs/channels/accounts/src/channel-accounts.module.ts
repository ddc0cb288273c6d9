import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelAccount } from './channel-account.entity';
import { ChannelAccountsService } from './channel-accounts.service';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([ChannelAccount])], providers: [ChannelAccountsService], exports: [ChannelAccountsService] })
export class ChannelAccountsModule {}
