import { Module } from '@nestjs/common';
import { TicketsModule } from '@inbox/tickets';
import { OutboundService } from './outbound.service';

@Module({ imports: [TicketsModule], providers: [OutboundService], exports: [OutboundService] })
export class OutboundModule {}
