import { Module } from '@nestjs/common';
import { CasesModule } from '@inbox/cases';
import { IngestModule } from '@inbox/ingest';
import { ShelfModule } from '@inbox/shelf';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [IngestModule, ShelfModule, CasesModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
