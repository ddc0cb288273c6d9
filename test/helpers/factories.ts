import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind } from '@inbox/channels/contract';
import { Role, TenancyService } from '@inbox/tenancy';
import { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export interface TestOrganization {
  id: string;
  men: { id: string };
  women: { id: string };
  users: Record<'admin' | 'supervisor' | 'agentMen' | 'agentWomen' | 'officer' | 'delegate', TestUser>;
  api: { id: string; apiKey: string };
}

/** Calls the running app over HTTP, as a client would. */
export class Http {
  constructor(readonly base: string) {}

  async request<T = any>(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.base}/api/v1${path}`, {
      method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: T;
    try {
      body = text ? JSON.parse(text) : (undefined as T);
    } catch {
      body = text as T;
    }
    return { status: response.status, body };
  }

  get<T = any>(path: string, token?: string) { return this.request<T>('GET', path, { token }); }
  post<T = any>(path: string, body: unknown, token?: string) { return this.request<T>('POST', path, { body, token }); }
  patch<T = any>(path: string, body: unknown, token?: string) { return this.request<T>('PATCH', path, { body, token }); }

  async login(email: string, password = PASSWORD): Promise<string> {
    const response = await this.post('/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken;
  }
}

/** A whole association with its own ids: nothing is shared between tests. */
export async function createOrganization(testApp: TestApp, http: Http, options: { webhookUrl?: string } = {}): Promise<TestOrganization> {
  const tenancy = testApp.app.get(TenancyService);
  const tag = randomUUID().slice(0, 8);
  const org = await tenancy.createOrganization({ slug: `org-${tag}`, nameAr: `جمعية ${tag}`, nameEn: `Association ${tag}` });
  const make = (name: string, roles: Role[]) =>
    tenancy.createUser(null, org.id, { email: `${name}-${tag}@example.org`, name: `${name} ${tag}`, password: PASSWORD, roles });
  const people = {
    admin: await make('admin', [Role.Admin]),
    supervisor: await make('supervisor', [Role.Supervisor]),
    agentMen: await make('agent-men', [Role.Agent]),
    agentWomen: await make('agent-women', [Role.Agent]),
    officer: await make('officer', [Role.ComplaintsOfficer]),
    delegate: await make('delegate', [Role.Delegate]),
  };
  const system = { userId: people.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
  const men = await tenancy.createTeam(system, { nameAr: 'الرجال', nameEn: 'Men', section: 'men', purpose: 'service' });
  const women = await tenancy.createTeam(system, { nameAr: 'النساء', nameEn: 'Women', section: 'women', purpose: 'service' });
  await tenancy.setMembers(system, men.id, [{ userId: people.agentMen.id }]);
  await tenancy.setMembers(system, women.id, [{ userId: people.agentWomen.id }]);
  const api = await testApp.app.get(ChannelAccountsService).create(system, org.id, {
    kind: ChannelKind.Api, name: 'website', settings: options.webhookUrl ? { webhookUrl: options.webhookUrl } : {},
  });
  const users = {} as TestOrganization['users'];
  for (const [key, user] of Object.entries(people)) {
    users[key as keyof typeof people] = { id: user.id, email: user.email, token: await http.login(user.email) };
  }
  return { id: org.id, men, women, users, api: { id: api.id, apiKey: api.apiKey! } };
}

export function inbound(http: Http, org: TestOrganization, body: Record<string, unknown>) {
  return http.request('POST', `/channels/${org.api.id}/inbound`, { body, headers: { authorization: `Bearer ${org.api.apiKey}` } });
}

/** A Saudi mobile number nobody else in the run uses. */
export function uniquePhone(): string {
  const operator = [0, 3, 4, 5, 6, 9][Math.floor(Math.random() * 6)];
  return `05${operator}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

export function dataSource(testApp: TestApp): DataSource {
  return testApp.app.get(DataSource);
}

export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
