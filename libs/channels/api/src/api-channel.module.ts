import { Module } from '@nestjs/common';
import { ApiChannelAdapter } from './api-channel.adapter';

@Module({ providers: [ApiChannelAdapter], exports: [ApiChannelAdapter] })
export class ApiChannelModule {}
