import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Role } from './roles';

export interface Workspace {
  user: { id: string; name: string; email: string; roles: Role[]; locale: 'ar' | 'en' };
  organization: { id: string; slug: string; nameAr: string; nameEn: string; timeZone: string; referenceCalendar: string };
  teams: { id: string; nameAr: string; nameEn: string; section: string; purpose: string }[];
  /** Colleagues, for assigning and mentioning: names and roles only. */
  users: { id: string; name: string; roles: Role[]; teamIds: string[] }[];
}

/** What the web app loads once after login: who I am, my organization, its teams and people. */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async workspace(actor: Actor): Promise<Workspace> {
    const [[me], [organization], teams, users] = await Promise.all([
      this.dataSource.query(`SELECT id, name, email, roles, locale FROM users WHERE id = $1`, [actor.userId]),
      this.dataSource.query(
        `SELECT id, slug, name_ar AS "nameAr", name_en AS "nameEn", time_zone AS "timeZone", reference_calendar AS "referenceCalendar" FROM organizations WHERE id = $1`,
        [actor.organizationId],
      ),
      this.dataSource.query(
        `SELECT id, name_ar AS "nameAr", name_en AS "nameEn", section, purpose FROM teams WHERE organization_id = $1 ORDER BY name_ar`,
        [actor.organizationId],
      ),
      this.dataSource.query(
        `SELECT u.id, u.name, u.roles, coalesce((SELECT array_agg(m.team_id) FROM team_memberships m WHERE m.user_id = u.id), '{}') AS "teamIds"
         FROM users u WHERE u.organization_id = $1 AND u.active ORDER BY u.name`,
        [actor.organizationId],
      ),
    ]);
    return { user: me, organization, teams, users };
  }

  async setLocale(actor: Actor, locale: 'ar' | 'en'): Promise<void> {
    await this.dataSource.query(`UPDATE users SET locale = $2, updated_at = now() WHERE id = $1`, [actor.userId, locale]);
  }
}
