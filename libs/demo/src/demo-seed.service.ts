import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind, InboundMessage } from '@inbox/channels/contract';
import { IngestService } from '@inbox/ingest';
import { ShelfService } from '@inbox/shelf';
import { CasesService, CaseVisitsService } from '@inbox/cases';
import { Actor, Role, TenancyService } from '@inbox/tenancy';

export interface DemoLogin {
  email: string;
  password: string | null;
  created: boolean;
}

const DEMO_SLUG = 'demo';

/**
 * A demo association for `npm start`: men's and women's sections, two
 * branches, one person per role, and tickets from several channels, all made
 * through the same services the product uses (ingest included).
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenancy: TenancyService,
    private readonly channels: ChannelAccountsService,
    private readonly ingest: IngestService,
    private readonly shelf: ShelfService,
    private readonly cases: CasesService,
    private readonly visits: CaseVisitsService,
  ) {}

  async ensure(adminEmail: string, adminPassword: string | undefined): Promise<DemoLogin> {
    const [existing] = await this.dataSource.query(`SELECT id FROM organizations WHERE slug = $1`, [DEMO_SLUG]);
    if (existing) return { email: adminEmail, password: null, created: false };
    const password = adminPassword ?? randomBytes(9).toString('base64url');
    const org = await this.tenancy.createOrganization({ slug: DEMO_SLUG, nameAr: 'جمعية البر الخيرية', nameEn: 'Al-Birr Charity Association' });
    const admin = await this.tenancy.createUser(null, org.id, { email: adminEmail, name: 'مدير النظام', password, roles: [Role.Admin, Role.Supervisor] });
    const actor: Actor = { userId: admin.id, organizationId: org.id, roles: admin.roles, teamIds: [] };
    const riyadh = await this.tenancy.createBranch(actor, { nameAr: 'فرع الرياض', nameEn: 'Riyadh branch', city: 'الرياض' });
    const jeddah = await this.tenancy.createBranch(actor, { nameAr: 'فرع جدة', nameEn: 'Jeddah branch', city: 'جدة' });
    const men = await this.tenancy.createTeam(actor, { nameAr: 'قسم الرجال', nameEn: "Men's section", section: 'men', purpose: 'service' });
    const women = await this.tenancy.createTeam(actor, { nameAr: 'قسم النساء', nameEn: "Women's section", section: 'women', purpose: 'service' });
    const complaints = await this.tenancy.createTeam(actor, { nameAr: 'لجنة الشكاوى', nameEn: 'Complaints committee', section: 'mixed', purpose: 'complaints' });
    const research = await this.tenancy.createTeam(actor, { nameAr: 'البحث الاجتماعي', nameEn: 'Social research', section: 'mixed', purpose: 'research' });
    const staffPassword = password;
    const [domain] = adminEmail.split('@').slice(-1);
    const person = (local: string, name: string, roles: Role[], branchId: string | null = null) =>
      this.tenancy.createUser(actor, org.id, { email: `${local}@${domain}`, name, password: staffPassword, roles, branchId });
    const agent = await person('agent', 'خالد العتيبي', [Role.Agent], riyadh.id);
    const agentWomen = await person('agent.women', 'نورة القحطاني', [Role.Agent], riyadh.id);
    const supervisor = await person('supervisor', 'سارة الشهري', [Role.Supervisor]);
    const delegate = await person('delegate', 'فهد الدوسري', [Role.Delegate], jeddah.id);
    const officer = await person('complaints', 'منى الزهراني', [Role.ComplaintsOfficer]);
    const researcher = await person('researcher', 'ريم المطيري', [Role.Researcher]);
    await this.tenancy.setMembers(actor, men.id, [{ userId: agent.id }, { userId: supervisor.id, lead: true }, { userId: delegate.id }]);
    await this.tenancy.setMembers(actor, women.id, [{ userId: agentWomen.id }, { userId: supervisor.id, lead: true }]);
    await this.tenancy.setMembers(actor, complaints.id, [{ userId: officer.id, lead: true }]);
    await this.tenancy.setMembers(actor, research.id, [{ userId: researcher.id, lead: true }]);

    const whatsapp = await this.channels.create(actor, org.id, { kind: ChannelKind.WhatsAppWeb, name: 'واتساب الجمعية', settings: {} });
    // Switched off until an admin enters the mailbox's settings; its demo mail is already in the stream.
    const email = await this.channels.create(actor, org.id, { kind: ChannelKind.Email, name: 'البريد العام', settings: {}, enabled: false });
    const forms = await this.channels.create(actor, org.id, { kind: ChannelKind.WebForm, name: 'النماذج الإلكترونية', settings: {} });
    const api = await this.channels.create(actor, org.id, { kind: ChannelKind.Api, name: 'موقع الجمعية', settings: {} });
    const minute = 60_000;
    const samples: (Omit<InboundMessage, 'sentAt'> & { minutesAgo: number })[] = [
      { channelKind: ChannelKind.WhatsAppWeb, channelAccountId: whatsapp.id, externalId: 'demo-wa-1', minutesAgo: 90,
        sender: { name: 'أحمد الغامدي', gender: 'male', identities: [{ kind: 'whatsapp', value: '966509994514@c.us' }] },
        text: 'السلام عليكم، متى يبدأ توزيع السلال الغذائية لشهر رمضان؟' },
      { channelKind: ChannelKind.WhatsAppWeb, channelAccountId: whatsapp.id, externalId: 'demo-wa-2', minutesAgo: 60,
        sender: { name: 'أم عبدالله', gender: 'female', identities: [{ kind: 'whatsapp', value: '966551234567@c.us' }] },
        text: 'أرغب في تحديث بيانات أسرتي، رقم الهوية ١٠٠٠٠٠٠٠٠٨', typeHint: 'registration' },
      { channelKind: ChannelKind.Email, channelAccountId: email.id, externalId: '<demo-1@mail.example>', minutesAgo: 240,
        sender: { name: 'Sara Ali', gender: 'female', identities: [{ kind: 'email', value: 'sara.ali@example.org' }] },
        subject: 'طلب مساعدة في سداد الإيجار', text: 'أرجو النظر في طلبي لمساعدة في سداد إيجار المنزل، مرفق عقد الإيجار.', typeHint: 'support_request' },
      { channelKind: ChannelKind.WebForm, channelAccountId: forms.id, externalId: 'demo-form-1', minutesAgo: 30,
        sender: { name: 'محمد الحربي', gender: 'male', identities: [{ kind: 'phone', value: '0561112233' }, { kind: 'email', value: 'm.harbi@example.org' }] },
        subject: 'طلب تطوع', text: 'أرغب في التطوع في فرع جدة أيام السبت.', typeHint: 'volunteer' },
      { channelKind: ChannelKind.Api, channelAccountId: api.id, externalId: 'demo-api-1', minutesAgo: 10,
        sender: { name: 'Omar Khan', identities: [{ kind: 'phone', value: '+966 50 777 8899' }] },
        text: 'Do you offer English-language support for new residents?' },
    ];
    const tickets = new Map<string, string>();
    for (const sample of samples) {
      const { minutesAgo, ...message } = sample;
      tickets.set(message.externalId, (await this.ingest.ingest({ ...message, sentAt: new Date(Date.now() - minutesAgo * minute) })).ticketId);
    }
    // The rent request is verified and waits for the delegate's field visit (on the delegate's phone page).
    const rent = tickets.get('<demo-1@mail.example>')!;
    await this.cases.move(actor, rent, 'verification', 'عقد الإيجار مرفق');
    await this.visits.assign(actor, rent, { assigneeId: delegate.id, instructions: 'التحقق من السكن وعدد أفراد الأسرة، وتصوير عقد الإيجار' });
    await this.seedShelf(actor);
    this.logger.log(`demo organization created with ${samples.length} tickets`);
    return { email: adminEmail, password, created: true };
  }

  /** A category, a public article the help center shows (and the food-basket question above finds), and an internal guide. */
  private async seedShelf(actor: Actor): Promise<void> {
    const services = await this.shelf.createCategory(actor, { slug: 'services', nameAr: 'خدماتنا', nameEn: 'Our services', position: 1 });
    await this.shelf.createArticle(actor, {
      slug: 'food-baskets', categoryId: services.id, audience: 'public', titleAr: 'مواعيد توزيع السلال الغذائية', titleEn: 'When food baskets are handed out',
      bodyAr: '<p>تُوزَّع <strong>السلال الغذائية</strong> على الأسر المسجلة في الأسبوع الأول من كل شهر، وفي رمضان قبل بدايته بأسبوع.</p><p>يصلك موعد الاستلام برسالة على جوالك المسجل لدينا.</p>',
      bodyEn: '<p><strong>Food baskets</strong> are handed out to registered families in the first week of each month, and a week before Ramadan begins.</p><p>You receive your pick-up time by text on your registered mobile.</p>',
      approval: 'اعتمدته لجنة الخدمات', approvedOn: '2026-01-15',
    });
    await this.shelf.createArticle(actor, {
      slug: 'support-policy-guide', audience: 'internal', titleAr: 'دليل سياسة الدعم (ملخص للموظفين)', titleEn: 'Support policy guide (staff summary)',
      bodyAr: '<h2>قبل الإحالة</h2><ul><li>تحقق من صورة الهوية الوطنية وتعريف الراتب.</li><li>أحل الطلبات غير الواضحة إلى الباحث الاجتماعي.</li></ul><p>تبتّ لجنة البحث في الطلب خلال أسبوعين من اكتماله.</p>',
      approval: 'اعتمده مجلس الإدارة في جلسته التاسعة عشرة', approvedOn: '2025-11-02',
    });
  }
}
