import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { InvalidError } from '@inbox/core';
import { ChannelAccount, ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind } from '@inbox/channels/contract';
import { Actor } from '@inbox/tenancy';
import { PhoneAccounts, PhoneSettings } from './phone-accounts';

export interface PbxAccountInput {
  name: string;
  branchId?: string | null;
  extensions?: Record<string, string>;
  callbackMinutes?: number;
}

/** Returned when the secret is made: it is not shown again. */
export type PbxAccountWithSecret = ChannelAccount & { webhookSecret: string; eventsPath: string };

const newSecret = () => `pbx_${randomBytes(24).toString('base64url')}`;

/** A PBX as a phone channel account: its extension-to-agent map, its callback time, its webhook secret (made here, shown once). */
@Injectable()
export class PbxAccountsService {
  constructor(private readonly accounts: ChannelAccountsService, private readonly phones: PhoneAccounts) {}

  async create(actor: Actor, input: PbxAccountInput): Promise<PbxAccountWithSecret> {
    const webhookSecret = newSecret();
    const account = await this.accounts.create(actor, actor.organizationId, {
      kind: ChannelKind.Phone, name: input.name, branchId: input.branchId ?? null, settings: this.settings(input), secrets: { webhookSecret },
    });
    return { ...account, webhookSecret, eventsPath: `/api/v1/channels/pbx/${account.id}/events` };
  }

  async update(actor: Actor, id: string, input: Partial<PbxAccountInput>): Promise<ChannelAccount> {
    const current = await this.phones.get(actor.organizationId, id);
    if (current.settings.manual) throw new InvalidError('id', 'This is the organization\'s own phone account, not a PBX');
    return this.accounts.update(actor, id, {
      name: input.name, branchId: input.branchId, settings: { ...current.settings, ...this.settings({ ...current.settings, ...input }) },
    });
  }

  async rotateSecret(actor: Actor, id: string): Promise<PbxAccountWithSecret> {
    const current = await this.phones.get(actor.organizationId, id);
    if (current.settings.manual) throw new InvalidError('id', 'This is the organization\'s own phone account, not a PBX');
    const webhookSecret = newSecret();
    const account = await this.accounts.update(actor, id, { secrets: { webhookSecret } });
    return { ...account, webhookSecret, eventsPath: `/api/v1/channels/pbx/${id}/events` };
  }

  private settings(input: Partial<PbxAccountInput>): PhoneSettings {
    const extensions = input.extensions ?? {};
    for (const [extension, email] of Object.entries(extensions)) {
      if (!/^[0-9*#]{1,10}$/.test(extension)) throw new InvalidError(`extensions.${extension}`, 'An extension is up to ten digits');
      if (typeof email !== 'string' || !email.includes('@')) throw new InvalidError(`extensions.${extension}`, 'Each extension maps to an agent\'s email');
    }
    if (input.callbackMinutes !== undefined && (!Number.isInteger(input.callbackMinutes) || input.callbackMinutes < 5 || input.callbackMinutes > 10_080)) {
      throw new InvalidError('callbackMinutes', 'callbackMinutes is 5 to 10080 business minutes');
    }
    return { extensions, ...(input.callbackMinutes !== undefined ? { callbackMinutes: input.callbackMinutes } : {}) };
  }
}
