import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { ConflictError, InvalidError, NotFoundError } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { isUniqueViolation } from '@inbox/database';
import { Branch } from './branch.entity';
import { Organization } from './organization.entity';
import { hashPassword } from './password';
import { Actor, Role, TeamPurpose, TeamSection } from './roles';
import { TeamMembership } from './team-membership.entity';
import { Team } from './team.entity';
import { User } from './user.entity';

export interface OrganizationInput {
  slug: string;
  nameAr: string;
  nameEn: string;
  timeZone?: string;
}

export interface BranchInput { nameAr: string; nameEn: string; city?: string | null }
export interface TeamInput { nameAr: string; nameEn: string; section: TeamSection; purpose: TeamPurpose; branchId?: string | null }
export interface UserInput { email: string; name: string; password: string; roles: Role[]; locale?: 'ar' | 'en'; branchId?: string | null }
export interface UserUpdate { name?: string; password?: string; roles?: Role[]; locale?: 'ar' | 'en'; branchId?: string | null; active?: boolean }
export interface MemberInput { userId: string; lead?: boolean }

export type ActorWithUser = Actor & { user: User };

/**
 * How long an authenticated actor (user, roles, team ids) is reused. Changes
 * made through this service clear the cache at once; with several api
 * replicas, a change made on another one is seen here within this time.
 */
const ACTOR_TTL_MS = 5_000;

@Injectable()
export class TenancyService {
  /** Every authenticated request needs its actor: reusing it saves a round trip on each. */
  private readonly actors = new Map<string, { expires: number; actor: Promise<ActorWithUser | null> }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  createOrganization(input: OrganizationInput): Promise<Organization> {
    const repo = this.dataSource.getRepository(Organization);
    return repo.save(repo.create({ ...input, timeZone: input.timeZone ?? 'Asia/Riyadh' }));
  }

  getOrganization(organizationId: string): Promise<Organization> {
    return this.findOwned(Organization, organizationId, organizationId, 'organization', 'id');
  }

  /**
   * The acting user as the rest of the system sees them, or null when unknown or deactivated. Reused for
   * ACTOR_TTL_MS; each caller gets its own copy, so one request changing its actor cannot reach another.
   */
  async actorFor(userId: string): Promise<ActorWithUser | null> {
    // TypeORM drops undefined conditions, which would match any user: refuse them outright.
    if (typeof userId !== 'string' || userId.length === 0) return null;
    const now = Date.now();
    let entry = this.actors.get(userId);
    if (!entry || entry.expires <= now) {
      const created = { expires: now + ACTOR_TTL_MS, actor: this.loadActor(userId) };
      this.actors.set(userId, created);
      created.actor.catch(() => this.actors.get(userId) === created && this.actors.delete(userId));
      entry = created;
    }
    const actor = await entry.actor;
    return actor && { ...actor, roles: [...actor.roles], teamIds: [...actor.teamIds], user: Object.assign(new User(), actor.user) };
  }

  /** Called after every change to users, memberships or teams has committed: the next request loads its actor afresh. */
  private forgetActors(): void {
    this.actors.clear();
  }

  private async loadActor(userId: string): Promise<ActorWithUser | null> {
    // One statement: the user and their teams together.
    const [row] = await this.dataSource.query(
      `SELECT u.*, coalesce((SELECT array_agg(m.team_id) FROM team_memberships m WHERE m.user_id = u.id), '{}') AS team_ids
       FROM users u WHERE u.id = $1 AND u.active`,
      [userId],
    );
    if (!row) return null;
    const user = this.dataSource.getRepository(User).create({
      id: row.id, organizationId: row.organization_id, branchId: row.branch_id, email: row.email, name: row.name, roles: row.roles,
      locale: row.locale, active: row.active, createdAt: row.created_at, updatedAt: row.updated_at,
    });
    return { userId: user.id, organizationId: user.organizationId, roles: user.roles, teamIds: row.team_ids, user };
  }

  listBranches(actor: Actor): Promise<Branch[]> {
    return this.dataSource.getRepository(Branch).find({ where: { organizationId: actor.organizationId }, order: { nameAr: 'ASC' } });
  }

  async createBranch(actor: Actor, input: BranchInput): Promise<Branch> {
    const repo = this.dataSource.getRepository(Branch);
    return repo.save(repo.create({ ...input, organizationId: actor.organizationId }));
  }

  async updateBranch(actor: Actor, id: string, input: Partial<BranchInput>): Promise<Branch> {
    const branch = await this.findOwned(Branch, actor.organizationId, id, 'branch');
    return this.dataSource.getRepository(Branch).save({ ...branch, ...input });
  }

  async deleteBranch(actor: Actor, id: string): Promise<void> {
    await this.findOwned(Branch, actor.organizationId, id, 'branch');
    await this.dataSource.getRepository(Branch).delete({ id, organizationId: actor.organizationId });
    // Its users lose their branch.
    this.forgetActors();
  }

  listTeams(actor: Actor): Promise<Team[]> {
    return this.dataSource.getRepository(Team).find({ where: { organizationId: actor.organizationId }, order: { nameAr: 'ASC' } });
  }

  async createTeam(actor: Actor, input: TeamInput): Promise<Team> {
    if (input.branchId) await this.findOwned(Branch, actor.organizationId, input.branchId, 'branch');
    const repo = this.dataSource.getRepository(Team);
    return repo.save(repo.create({ ...input, branchId: input.branchId ?? null, organizationId: actor.organizationId }));
  }

  async updateTeam(actor: Actor, id: string, input: Partial<TeamInput>): Promise<Team> {
    const team = await this.findOwned(Team, actor.organizationId, id, 'team');
    if (input.branchId) await this.findOwned(Branch, actor.organizationId, input.branchId, 'branch');
    return this.dataSource.getRepository(Team).save({ ...team, ...input });
  }

  async deleteTeam(actor: Actor, id: string): Promise<void> {
    await this.findOwned(Team, actor.organizationId, id, 'team');
    await this.dataSource.getRepository(Team).delete({ id, organizationId: actor.organizationId });
    // Its memberships go with it.
    this.forgetActors();
  }

  async listMembers(actor: Actor, teamId: string): Promise<TeamMembership[]> {
    await this.findOwned(Team, actor.organizationId, teamId, 'team');
    return this.dataSource.getRepository(TeamMembership).find({ where: { teamId } });
  }

  /** Replaces a team's members; membership decides which tickets and rooms a user reaches, so it is audited. */
  async setMembers(actor: Actor, teamId: string, members: MemberInput[]): Promise<TeamMembership[]> {
    await this.findOwned(Team, actor.organizationId, teamId, 'team');
    const userIds = [...new Set(members.map((m) => m.userId))];
    const found = await this.dataSource.getRepository(User).count({ where: { id: In(userIds), organizationId: actor.organizationId } });
    if (found !== userIds.length) throw new NotFoundError('user');
    const memberships = await this.dataSource.transaction(async (manager) => {
      const before = await manager.find(TeamMembership, { where: { teamId } });
      await manager.delete(TeamMembership, { teamId });
      const rows = userIds.map((userId) =>
        manager.create(TeamMembership, { teamId, userId, organizationId: actor.organizationId, lead: members.some((m) => m.userId === userId && m.lead) }),
      );
      const saved = await manager.save(rows);
      await this.audit.record({
        organizationId: actor.organizationId, actorUserId: actor.userId, action: 'team.members_changed', entityType: 'team', entityId: teamId,
        data: { before: before.map((m) => m.userId), after: userIds },
      }, manager);
      return saved;
    });
    this.forgetActors();
    return memberships;
  }

  listUsers(actor: Actor): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ where: { organizationId: actor.organizationId }, order: { name: 'ASC' } });
  }

  getUser(actor: Actor, id: string): Promise<User> {
    return this.findOwned(User, actor.organizationId, id, 'user');
  }

  async createUser(actor: Actor | null, organizationId: string, input: UserInput): Promise<User> {
    if (input.branchId) await this.findOwned(Branch, organizationId, input.branchId, 'branch');
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await manager.save(manager.create(User, {
          organizationId, email: input.email.toLowerCase(), name: input.name, passwordHash, roles: input.roles,
          locale: input.locale ?? 'ar', branchId: input.branchId ?? null, active: true,
        }));
        await this.audit.record({
          organizationId, actorUserId: actor?.userId ?? null, action: 'user.created', entityType: 'user', entityId: user.id, data: { roles: input.roles },
        }, manager);
        return this.withoutHash(user);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('A user with this email already exists', { field: 'email' });
      throw error;
    }
  }

  async updateUser(actor: Actor, id: string, input: UserUpdate): Promise<User> {
    const user = await this.findOwned(User, actor.organizationId, id, 'user');
    if (input.branchId) await this.findOwned(Branch, actor.organizationId, input.branchId, 'branch');
    if (id === actor.userId && (input.active === false || (input.roles && !input.roles.includes(Role.Admin) && user.roles.includes(Role.Admin)))) {
      throw new InvalidError('roles', 'You cannot remove your own admin role or deactivate yourself');
    }
    const { password, ...rest } = input;
    const changes: Partial<User> = { ...rest };
    if (password) changes.passwordHash = await hashPassword(password);
    const updated = await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id, organizationId: actor.organizationId }, changes);
      if (input.roles || input.active !== undefined || password) {
        await this.audit.record({
          organizationId: actor.organizationId, actorUserId: actor.userId, action: 'user.permissions_changed', entityType: 'user', entityId: id,
          data: { rolesBefore: user.roles, rolesAfter: input.roles ?? user.roles, active: input.active ?? user.active, passwordReset: Boolean(password) },
        }, manager);
      }
      return manager.findOneOrFail(User, { where: { id } });
    });
    this.forgetActors();
    return updated;
  }

  /** Loads a row of the actor's organization; another organization's id is indistinguishable from a missing one. */
  async findOwned<T extends ObjectLiteral>(
    entity: EntityTarget<T>, organizationId: string, id: string, name: string, organizationColumn = 'organizationId',
    manager: EntityManager = this.dataSource.manager,
  ): Promise<T> {
    const row = await manager.getRepository(entity).findOne({ where: { id, [organizationColumn]: organizationId } as never });
    if (!row) throw new NotFoundError(name);
    return row;
  }

  private withoutHash(user: User): User {
    const { passwordHash: _hash, ...rest } = user;
    return rest as User;
  }
}
