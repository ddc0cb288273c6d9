import { Module } from '@nestjs/common';
import { TicketsModule } from '@inbox/tickets';
import { HelpCenterService } from './help-center.service';
import { ShelfSearchQuery } from './shelf-search.query';
import { ShelfService } from './shelf.service';

@Module({ imports: [TicketsModule], providers: [ShelfService, ShelfSearchQuery, HelpCenterService], exports: [ShelfService, ShelfSearchQuery, HelpCenterService] })
export class ShelfModule {}
