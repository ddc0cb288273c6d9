import { Module } from '@nestjs/common';
import { IngestModule } from '@inbox/ingest';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [IngestModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
