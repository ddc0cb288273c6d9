import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { Actor } from '@inbox/tenancy';
import { checkNoticeTemplate, DEFAULT_NOTICES, NoticeKind, NoticeLocale } from './notice';

export interface NoticeTemplate {
  kind: NoticeKind;
  locale: NoticeLocale;
  body: string;
  custom: boolean;
  updatedAt: Date | null;
}

/** The locked complaint notices: admins change the wording, never the fields a notice can hold. */
@Injectable()
export class NoticeTemplatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor): Promise<NoticeTemplate[]> {
    const rows: { kind: NoticeKind; locale: NoticeLocale; body: string; updated_at: Date }[] = await this.dataSource.query(
      `SELECT kind, locale, body, updated_at FROM closure_notice_templates WHERE organization_id = $1`, [actor.organizationId],
    );
    return (['acknowledgement', 'closure'] as const).flatMap((kind) => (['ar', 'en'] as const).map((locale) => {
      const row = rows.find((r) => r.kind === kind && r.locale === locale);
      return { kind, locale, body: row?.body ?? DEFAULT_NOTICES[kind][locale], custom: Boolean(row), updatedAt: row?.updated_at ?? null };
    }));
  }

  async set(actor: Actor, kind: NoticeKind, locale: NoticeLocale, body: string): Promise<NoticeTemplate> {
    checkNoticeTemplate(body);
    await this.dataSource.query(
      `INSERT INTO closure_notice_templates (organization_id, kind, locale, body, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, locale, kind) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [actor.organizationId, kind, locale, body, actor.userId],
    );
    await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'notice_template.updated', entityType: 'notice_template', entityId: `${kind}:${locale}`, data: { body } });
    return (await this.list(actor)).find((t) => t.kind === kind && t.locale === locale)!;
  }
}
