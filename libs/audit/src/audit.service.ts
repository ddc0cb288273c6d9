import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  organizationId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager so the audit row commits or rolls back with the change it records. */
  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_events (organization_id, actor_user_id, action, entity_type, entity_id, data, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.organizationId, entry.actorUserId, entry.action, entry.entityType, entry.entityId ?? null, entry.data ?? {}, entry.ip ?? null],
    );
  }

  async list(organizationId: string, filter: { entityType?: string; entityId?: string; before?: string; limit: number }): Promise<AuditPage> {
    const rows = await this.dataSource.getRepository(AuditEvent).createQueryBuilder('a')
      .where('a.organizationId = :organizationId', { organizationId })
      .andWhere(filter.entityType ? 'a.entityType = :entityType' : 'TRUE', { entityType: filter.entityType })
      .andWhere(filter.entityId ? 'a.entityId = :entityId' : 'TRUE', { entityId: filter.entityId })
      .andWhere(filter.before ? 'a.id < :before' : 'TRUE', { before: filter.before })
      // A confidential case's history is read in the case itself, by those who may; it never shows here.
      .andWhere(`NOT EXISTS (SELECT 1 FROM tickets t WHERE a.entity_type = 'ticket' AND t.id::text = a.entity_id AND t.confidential)`)
      .orderBy('a.id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null };
  }
}
