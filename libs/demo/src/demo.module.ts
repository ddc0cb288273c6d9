import { Module } from '@nestjs/common';
import { IngestModule } from '@inbox/ingest';
import { ShelfModule } from '@inbox/shelf';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [IngestModule, ShelfModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
