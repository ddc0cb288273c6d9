import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AppConfig, NotFoundError, SecretBox, UnauthenticatedError } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { driverPool } from '@inbox/database';
import { ChannelKind } from '@inbox/channels/contract';
import { Actor } from '@inbox/tenancy';
import { ChannelAccount } from './channel-account.entity';

export interface ChannelAccountInput {
  kind: ChannelKind;
  name: string;
  branchId?: string | null;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
  enabled?: boolean;
}

export type ChannelAccountUpdate = Partial<Omit<ChannelAccountInput, 'kind'>>;

/** Returned once, when a key is made: the plain API key is not shown again. */
export interface ChannelAccountWithKey extends ChannelAccount {
  apiKey?: string;
}

/** Keys are compared by their SHA-256, so the comparison takes the same time whatever the lengths. */
const digest = (secret: string) => createHash('sha256').update(secret).digest();
const API_ACCOUNT = { name: 'channel-api-account', text: 'SELECT id, organization_id, enabled, sealed_secrets FROM channel_accounts WHERE id = $1 AND kind = $2' };
/** Opened API keys remembered per process (oldest forgotten first): one per API channel account in use. */
const API_KEY_DIGESTS = 1_000;

@Injectable()
export class ChannelAccountsService {
  private readonly box: SecretBox;
  private readonly apiKeyDigests = new Map<string, Buffer | null>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.SECRETS_KEY);
  }

  list(actor: Actor): Promise<ChannelAccount[]> {
    return this.dataSource.getRepository(ChannelAccount).find({ where: { organizationId: actor.organizationId }, order: { createdAt: 'ASC' } });
  }

  async get(actor: Actor, id: string): Promise<ChannelAccount> {
    const account = await this.dataSource.getRepository(ChannelAccount).findOne({ where: { id, organizationId: actor.organizationId } });
    if (!account) throw new NotFoundError('channel account');
    return account;
  }

  async create(actor: Actor | null, organizationId: string, input: ChannelAccountInput): Promise<ChannelAccountWithKey> {
    const secrets = { ...(input.secrets ?? {}) };
    const apiKey = input.kind === ChannelKind.Api ? (secrets.apiKey ??= `chk_${randomBytes(24).toString('base64url')}`) : undefined;
    const repo = this.dataSource.getRepository(ChannelAccount);
    const account = await repo.save(repo.create({
      organizationId, kind: input.kind, name: input.name, branchId: input.branchId ?? null, settings: input.settings ?? {},
      sealedSecrets: this.box.seal(JSON.stringify(secrets)), enabled: input.enabled ?? true, health: 'unknown', healthDetail: null,
    }));
    await this.audit.record({
      organizationId, actorUserId: actor?.userId ?? null, action: 'channel_account.created', entityType: 'channel_account', entityId: account.id,
      data: { kind: input.kind, name: input.name },
    });
    const { sealedSecrets: _sealed, ...visible } = account;
    return { ...(visible as ChannelAccount), apiKey };
  }

  async update(actor: Actor, id: string, input: ChannelAccountUpdate): Promise<ChannelAccount> {
    await this.get(actor, id);
    const { secrets, ...fields } = input;
    const changes: Partial<ChannelAccount> = { ...fields };
    if (secrets) changes.sealedSecrets = this.box.seal(JSON.stringify({ ...(await this.secretsOf(id)), ...secrets }));
    await this.dataSource.getRepository(ChannelAccount).update({ id, organizationId: actor.organizationId }, changes as QueryDeepPartialEntity<ChannelAccount>);
    await this.audit.record({
      organizationId: actor.organizationId, actorUserId: actor.userId, action: 'channel_account.updated', entityType: 'channel_account', entityId: id,
      data: { fields: Object.keys(fields), secretsChanged: secrets ? Object.keys(secrets) : [] },
    });
    return this.get(actor, id);
  }

  async rotateApiKey(actor: Actor, id: string): Promise<ChannelAccountWithKey> {
    const account = await this.get(actor, id);
    if (account.kind !== ChannelKind.Api) throw new NotFoundError('api channel account');
    const apiKey = `chk_${randomBytes(24).toString('base64url')}`;
    return { ...(await this.update(actor, id, { secrets: { apiKey } })), apiKey };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.get(actor, id);
    await this.dataSource.getRepository(ChannelAccount).delete({ id, organizationId: actor.organizationId });
    await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'channel_account.deleted', entityType: 'channel_account', entityId: id });
  }

  /** The decrypted secrets, for the worker that sends on the account. */
  async secretsOf(id: string): Promise<Record<string, string>> {
    const row = await this.dataSource.getRepository(ChannelAccount).createQueryBuilder('a').addSelect('a.sealedSecrets').where('a.id = :id', { id }).getOne();
    if (!row) throw new NotFoundError('channel account');
    return row.sealedSecrets ? (JSON.parse(this.box.open(row.sealedSecrets)) as Record<string, string>) : {};
  }

  /**
   * An integrator pushing inbound messages proves itself with the account's API key. On every request: one
   * plain query for the account as it is now (disabled or re-keyed takes effect at once); only the opening of
   * its sealed secrets is remembered, by the sealed text, as a digest of the key.
   */
  async authenticateApiKey(id: string, presented: string | undefined): Promise<{ id: string; organizationId: string }> {
    const { rows: [row] } = await driverPool(this.dataSource).query({ ...API_ACCOUNT, values: [id, ChannelKind.Api] });
    if (!row) throw new NotFoundError('channel');
    const expected = this.apiKeyDigest(row.sealed_secrets);
    if (!presented || !expected || !timingSafeEqual(digest(presented), expected)) throw new UnauthenticatedError('Channel API key is missing or wrong');
    if (!row.enabled) throw new NotFoundError('channel');
    return { id: row.id, organizationId: row.organization_id };
  }

  private apiKeyDigest(sealed: string | null): Buffer | null {
    if (!sealed) return null;
    let known = this.apiKeyDigests.get(sealed);
    if (known === undefined) {
      const { apiKey } = JSON.parse(this.box.open(sealed)) as Record<string, string>;
      known = apiKey ? digest(apiKey) : null;
      if (this.apiKeyDigests.size >= API_KEY_DIGESTS) this.apiKeyDigests.delete(this.apiKeyDigests.keys().next().value!);
      this.apiKeyDigests.set(sealed, known);
    }
    return known;
  }
}
