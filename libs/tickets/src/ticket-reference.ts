import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { gregorianYear, hijriYear } from '@inbox/core';

export function formatReference(year: number, number: number): string {
  return `T-${year}-${String(number).padStart(4, '0')}`;
}

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

  /** Call outside the transaction: creating a sequence inside one that later fails would waste nothing, but a failed CREATE would abort it. */
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

  async next(manager: EntityManager, sequence: string, year: number): Promise<string> {
    const [row] = await manager.query(`SELECT nextval('${sequence}') AS n`);
    return formatReference(year, Number(row.n));
  }
}
