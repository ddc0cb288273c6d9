import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { gregorianYear, hijriYear } from '@inbox/core';

/** T-<year>-<number, at least four digits>, drawn in ingest's OPEN_TICKET statement. */
export const REFERENCE_PATTERN = /^T-\d{4}-\d{4,}$/i;

/**
 * Human reference numbers, per organization and year (Hijri by default):
 * T-1448-0001, T-1448-0002, ... Each (organization, year) has its own
 * PostgreSQL sequence, so concurrent ingests never queue on a counter row.
 * A rolled-back transaction leaves a gap, which is acceptable for references.
 */
@Injectable()
export class TicketReferences {
  private readonly ready = new Set<string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  yearFor(calendar: 'hijri' | 'gregorian', at: Date, timeZone: string): number {
    return calendar === 'hijri' ? hijriYear(at, timeZone) : gregorianYear(at, timeZone);
  }

  /** Call outside the ingest transaction: a failed CREATE would abort it. Ingest draws numbers with nextval(name). */
  async prepare(organizationId: string, year: number): Promise<string> {
    const name = `ticket_number_${organizationId.replace(/-/g, '')}_${year}`;
    if (this.ready.has(name)) return name;
    try {
      await this.dataSource.query(`CREATE SEQUENCE IF NOT EXISTS ${name}`);
    } catch (error) {
      // Two processes creating the same sequence at once: one wins, both may go on.
      const code = (error as { code?: string }).code;
      if (code !== '23505' && code !== '42P07') throw error;
    }
    this.ready.add(name);
    return name;
  }
}
