import type { Strings } from './en';

/** النصوص العربية (اللغة الافتراضية). */
export const ar: Strings = {
  app: { title: 'صندوق الوارد', skipToList: 'انتقل إلى قائمة التذاكر', skipToTicket: 'انتقل إلى التذكرة المفتوحة' },
  language: { label: 'اللغة', ar: 'العربية', en: 'English', switchTo: 'English' },
  login: {
    title: 'تسجيل الدخول إلى صندوق الوارد', email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'دخول', failed: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
    throttled: 'محاولات كثيرة. انتظر دقيقة ثم حاول مرة أخرى.', error: 'تعذّر تسجيل الدخول: {{message}}',
  },
  shell: {
    inbox: 'صندوق الوارد', supervisor: 'الإشراف', signOut: 'خروج', menu: 'طرق العرض', shortcuts: 'اختصارات لوحة المفاتيح', user: 'مسجّل باسم {{name}}',
  },
  connection: {
    connecting: 'جارٍ الاتصال…', live: 'متصل', lost: 'انقطع الاتصال. جارٍ إعادة الاتصال…', syncing: 'عاد الاتصال. جارٍ جلب ما فات…', caughtUp: 'تم التحديث',
    reset: 'تم التحديث: أُعيد تحميل القوائم',
  },
  views: {
    heading: 'طرق العرض', mine: 'تذاكري', unassigned: 'غير مُسندة', allOpen: 'كل المفتوحة', myTeams: 'فرقي', teams: 'الفرق', byChannel: 'حسب القناة', byStatus: 'حسب الحالة',
    count: 'عدد التذاكر: {{n}}',
  },
  status: { new: 'جديدة', open: 'مفتوحة', pending: 'معلّقة', resolved: 'محلولة', closed: 'مغلقة' },
  priority: { low: 'منخفضة', normal: 'عادية', high: 'عالية', urgent: 'عاجلة' },
  channel: {
    api: 'واجهة برمجية', email: 'بريد إلكتروني', whatsapp_web: 'واتساب', whatsapp_cloud: 'واتساب للأعمال', web_form: 'نموذج إلكتروني', phone: 'مكالمة', letter: 'خطاب',
    field: 'زيارة ميدانية',
  },
  identity: { phone: 'جوال', email: 'بريد إلكتروني', whatsapp: 'واتساب', national_id: 'رقم الهوية' },
  deadline: {
    firstResponseOverdue: 'تأخّر الرد', firstResponseDue: 'الرد {{when}}', resolutionOverdue: 'متأخرة', resolutionDue: 'الإنجاز {{when}}',
  },
  list: {
    search: 'البحث في التذاكر', searchHint: 'رقم مرجعي أو جوال أو بريد أو كلمات', empty: 'لا توجد تذاكر هنا.', loading: 'جارٍ تحميل التذاكر…',
    loadingMore: 'جارٍ تحميل المزيد…', unread: 'غير مقروءة', newAbove: 'تذاكر جديدة: {{n}}',
    error: 'تعذّر تحميل التذاكر: {{message}}', retry: 'أعد المحاولة', label: 'التذاكر', noName: 'بلا اسم', assignedTo: 'مُسندة إلى {{name}}',
    unassigned: 'غير مُسندة',
  },
  ticket: {
    none: 'اختر تذكرة من القائمة.', loading: 'جارٍ تحميل التذكرة…', back: 'العودة إلى القائمة', notFound: 'لم تعد هذه التذكرة ظاهرة لك.',
    status: 'الحالة', priority: 'الأولوية', team: 'الفريق', assignee: 'المسؤول', noTeam: 'بلا فريق', nobody: 'لا أحد', takeIt: 'استلمها',
    resolve: 'تم الحل', timeline: 'المحادثة', createdAt: 'فُتحت', confidential: 'سرّية',
    changed: 'تم الحفظ', changeFailed: 'تعذّر الحفظ: {{message}}',
  },
  contact: {
    heading: 'جهة الاتصال', identities: 'وسائل التواصل', otherTickets: 'تذاكر أخرى', noOtherTickets: 'لا توجد تذاكر أخرى.', kind: {
      beneficiary: 'مستفيد', member: 'عضو', volunteer: 'متطوع', donor: 'متبرع', complainant: 'مشتكٍ', other: 'أخرى',
    },
  },
  message: {
    inbound: 'من {{name}}', outbound: 'رد من {{name}}', note: 'ملاحظة داخلية من {{name}}', event: 'النظام',
    delivery: { queued: 'في الانتظار', sending: 'جارٍ الإرسال', sent: 'أُرسلت', delivered: 'وصلت', read: 'قُرئت', failed: 'فشل الإرسال' },
    failedBecause: 'لم تُرسل: {{reason}}', attachments: 'المرفقات', download: 'تنزيل {{name}}', downloadFailed: 'تعذّر التنزيل: {{message}}',
    someone: 'مجهول', emailHtml: 'بريد إلكتروني',
  },
  composer: {
    reply: 'رد', note: 'ملاحظة داخلية', replyLabel: 'الرد على جهة الاتصال', noteLabel: 'ملاحظة داخلية للزملاء', send: 'أرسل الرد', addNote: 'أضف الملاحظة',
    replyPlaceholder: 'اكتب ردك…', notePlaceholder: 'اكتب ملاحظة؛ اكتب @ لذكر زميل', to: 'أرسل إلى', ticketChannel: 'قناة التذكرة ({{channel}})',
    templates: 'القوالب', noTemplates: 'لا توجد قوالب بعد.', sending: 'جارٍ الإرسال…', sendFailed: 'تعذّر الإرسال: {{message}}', mentionList: 'زملاء للذكر',
    sendHint: 'Ctrl+Enter للإرسال', noChannel: 'لا توجد قناة للرد على هذه التذكرة؛ أضف ملاحظة داخلية بدلاً من ذلك.',
  },
  presence: { viewing: '{{names}} يطّلع على التذكرة', typing: '{{names}} يكتب ردًّا', and: '، ' },
  shortcuts: {
    title: 'اختصارات لوحة المفاتيح', next: 'التذكرة التالية', previous: 'التذكرة السابقة', reply: 'رد', note: 'ملاحظة داخلية', assign: 'أسندها إليّ',
    resolve: 'تم الحل', search: 'بحث', help: 'هذه المساعدة', send: 'إرسال (في مربع الكتابة)', close: 'إغلاق',
  },
  supervisor: {
    title: 'الإشراف', teams: 'طوابير الفرق', agents: 'أعباء الموظفين', team: 'الفريق', agent: 'الموظف', open: 'مفتوحة', unassigned: 'غير مُسندة', pending: 'معلّقة',
    overdue: 'متأخرة', noTeam: 'بلا فريق', tickets: 'التذاكر المفتوحة', select: 'تحديد {{reference}}', selectAll: 'تحديد كل المعروض', selected: 'المحدد: {{n}}', assignTo: 'أسند إلى', moveTo: 'انقل إلى فريق', apply: 'أعد الإسناد', done: 'أُعيد إسناد التذاكر: {{n}}', notFound: 'تعذّر التغيير: {{n}}', loadMore: 'تحميل المزيد', filterTeam: 'الفريق', filterAssignee: 'المسؤول',
    anyone: 'الجميع', unassign: 'لا أحد (إلغاء الإسناد)', keepTeam: 'أبقِ الفريق',
  },
  notification: { assigned: 'أسند {{name}} التذكرة {{reference}} إليك', mentioned: 'ذكرك {{name}} في التذكرة {{reference}}', added_to_case: 'أضافك {{name}} إلى القضية {{reference}}',
    deadline_approaching: '{{reference}}: اقترب موعد الاستحقاق', deadline_breached: '{{reference}}: فات موعد الاستحقاق',
  },
  errors: { generic: 'حدث خطأ: {{message}}' },
};
