import { desksAr } from './desks.ar';
import { formsAdminAr } from './forms-admin.ar';
import { reportsAr } from './reports.ar';
import { serviceSettingsAr } from './service-settings.ar';
import { shelfAr } from './shelf.ar';
import { caseFollowUpAr } from './case-follow-up.ar';
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
    field: 'تقرير ميداني من {{name}}', someone: 'مجهول', emailHtml: 'بريد إلكتروني',
    system: { complaint: { acknowledgement: 'إشعار استلام أُرسل تلقائيًا', closure: 'إشعار إغلاق أُرسل تلقائيًا' }, survey: 'استبيان رضا أُرسل تلقائيًا', review: { request: 'مراجعة دورية: طُلب من المستفيد التأكيد' }, case: { missing: 'طُلبت النواقص من المتقدم' , decision: 'أُبلغ المتقدم بالقرار' }, other: 'أُرسلت تلقائيًا' },
  },
  composer: {
    reply: 'رد', note: 'ملاحظة داخلية', replyLabel: 'الرد على جهة الاتصال', noteLabel: 'ملاحظة داخلية للزملاء', send: 'أرسل الرد', addNote: 'أضف الملاحظة',
    replyPlaceholder: 'اكتب ردك…', notePlaceholder: 'اكتب ملاحظة؛ اكتب @ لذكر زميل', to: 'أرسل إلى', ticketChannel: 'قناة التذكرة ({{channel}})',
    templates: 'القوالب', noTemplates: 'لا توجد قوالب بعد.', sending: 'جارٍ الإرسال…', sendFailed: 'تعذّر الإرسال: {{message}}', mentionList: 'زملاء للذكر',
    sendHint: 'Ctrl+Enter للإرسال', noChannel: 'لا توجد قناة للرد على هذه التذكرة؛ أضف ملاحظة داخلية بدلاً من ذلك.',
    attach: 'إرفاق', files: 'ملفات للإرسال', removeFile: 'إزالة {{name}}', fileTooBig: 'حجم {{name}} أكبر من 8 ميغابايت.', tooManyFiles: '{{n}} ملفات في الرسالة على الأكثر.',
  },
  whatsapp: {
    windowOpen: 'تُغلق نافذة واتساب للنص الحر {{when}}', never: 'لا توجد',
    windowClosed: 'لا يقبل واتساب النص الحر إلا خلال 24 ساعة من آخر رسالة من الشخص (آخر رسالة: {{when}}). أرسل قالبًا معتمدًا؛ وحين يرد تُفتح المحادثة من جديد.',
    templateReply: 'الرد بقالب معتمد', template: 'القالب', parameter: 'القيمة {{n}}', preview: 'ما سيقرؤه الشخص', sendTemplate: 'أرسل القالب',
    noTemplates: 'لا توجد قوالب معتمدة لهذا الرقم؛ أضفها من مدير واتساب.', templatesFailed: 'تعذّر تحميل القوالب: {{message}}',
    quoted: 'ردًّا على رسالة سابقة', openMap: 'افتح الخريطة', mediaSkipped: 'لم يُحفظ الملف: {{reason}}',
    kind: {
      voice: 'رسالة صوتية', audio: 'مقطع صوتي', video: 'فيديو', image: 'صورة', document: 'مستند', sticker: 'ملصق', location: 'موقع', contacts: 'بطاقة جهة اتصال',
      reaction: 'تفاعل مع رسالة', unsupported: 'رسالة واتساب لا يمكن عرضها هنا ({{type}})', edit: 'رسالة معدّلة', revoke: 'حذف المرسل هذه الرسالة',
    },
  },
  whatsappAdmin: {
    link: 'واتساب', title: 'أرقام واتساب',
    intro: 'الأرقام المربوطة عبر واتساب ويب. لربط رقم افتح واتساب في جوال الجمعية ثم الأجهزة المرتبطة، وامسح الرمز الظاهر هنا؛ ويبقى الربط قائمًا بعد إعادة التشغيل.',
    none: 'لا يوجد رقم واتساب ويب بعد.', qrTitle: 'رمز للمسح بواتساب', scan: 'واتساب ← الإعدادات ← الأجهزة المرتبطة ← ربط جهاز، ثم امسح هذا الرمز.',
    typeCode: 'في الجوال اختر «الربط برقم الهاتف بدلًا من ذلك» واكتب:', since: 'منذ {{when}}',
    add: 'ربط رقم', name: 'الاسم الظاهر للموظفين', pairingPhone: 'الربط برمز بدل رمز QR (الرقم، اختياري)',
    pairingPhoneHint: 'مع إدخال الرقم يعرض واتساب رمزًا يُكتب في ذلك الجوال بدل رمز QR.', addButton: 'أضف الرقم',
    state: { starting: 'جارٍ التشغيل…', pairing: 'بانتظار الربط', connected: 'متصل', disconnected: 'غير متصل', logged_out: 'سُجّل الخروج — اربطه من جديد', unreachable: 'تعذّر الوصول إلى واتساب' },
  },
  cases: {
    stages: 'المراحل', checklist: 'التحقق', requestMissing: 'اطلب من مقدم الطلب ما ينقص', note: 'ملاحظة في سجل التذكرة (السبب، لمن يتسلمها)',
    moveTo: 'نقل إلى: {{stage}}', notYourRole: 'لا يسمح دورك بهذه الخطوة.', missing: 'ينقص أولًا: {{items}}', decisionDue: 'موعد قرار اللجنة {{date}}',
    moved: 'نُقلت الحالة إلى: {{stage}}', visitAssigned: 'كُلّف {{name}} بزيارة ميدانية', reviewOpened: 'مراجعة دورية لملف مستفيد دائم (موعدها {{date}})',
    agenda: 'الحالات', stage: 'المرحلة', none: 'لا توجد حالات في هذه المرحلة.', reference: 'الطلب', applicant: 'مقدم الطلب', type: 'النوع', deadline: 'موعد القرار', link: 'الحالات',
    stageNames: { committee: 'بانتظار اللجنة', research: 'لدى البحث الاجتماعي', verification: 'قيد التحقق', received: 'مستلمة' },
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
  notification: { incoming_call: 'مكالمة من {{name}}', assigned: 'أسند {{name}} التذكرة {{reference}} إليك', mentioned: 'ذكرك {{name}} في التذكرة {{reference}}', added_to_case: 'أضافك {{name}} إلى القضية {{reference}}',
    deadline_approaching: '{{reference}}: اقترب موعد الاستحقاق', deadline_breached: '{{reference}}: فات موعد الاستحقاق',
    channel_lost: 'الرقم {{name}} لم يعد متصلًا بواتساب',
    visit_assigned: 'كلّفك {{name}} بزيارة ميدانية للطلب {{reference}}',
  },
  complaint: {
    band: 'شكوى سرية', bandHint: 'لا يطّلع عليها إلا مسؤولو الشكاوى والزملاء المضافون إلى هذه القضية.', loading: 'جارٍ تحميل القضية…',
    trackingCode: 'رمز المتابعة', reference: 'الرقم', acknowledged: 'أُرسل إشعار الاستلام', notYet: 'ليس بعد',
    parties: 'الأطراف المذكورون', partiesHint: 'من تذكرهم الشكوى؛ لا يمكنهم الاطلاع عليها.', noParties: 'لم يُذكر أي طرف.',
    partyColleague: 'زميل', partyOrName: 'أو اسم (ليس من الزملاء)', partyRole: 'الصفة (اختياري)', addParty: 'أضف الطرف', removeParty: 'إزالة {{name}}',
    chooseColleague: 'اختر زميلًا', participants: 'المشاركون', participantsHint: 'زملاء أُضيفوا للعمل على القضية.', noParticipants: 'لم يُضف أحد بعد.',
    participant: 'الزميل المراد إضافته', addParticipant: 'أضف إلى القضية', removeParticipant: 'إزالة {{name}} من القضية', addedAt: 'أُضيف',
    internal: 'داخلي — لا يُرسل أبدًا', internalHint: 'النتائج والإجراء المتخذ تبقى داخل القضية، ولا تُدرج في أي شيء يُرسل إلى المشتكي.',
    findings: 'النتائج', actionTaken: 'الإجراء المتخذ', save: 'احفظ النتائج', saved: 'حُفظ',
    decision: 'القرار', chooseDecision: 'اختر القرار', close: 'أغلق وأشعر المشتكي',
    decisions: { upheld: 'مقبولة', partially_upheld: 'مقبولة جزئيًا', not_upheld: 'غير مقبولة', withdrawn: 'مسحوبة' },
    confirmTitle: 'إغلاق الشكوى وإشعار المشتكي؟', confirmBody: 'سيصل إلى المشتكي إشعار الإغلاق على قناته: يذكر الرقم والتواريخ، وأن الشكوى دُرست واتُّخذ الإجراء المناسب بشأنها، دون ذكر النتائج أو الإجراء المتخذ.',
    confirmDecision: 'القرار: {{decision}}', confirm: 'أغلق وأرسل الإشعار', cancel: 'إلغاء',
    closed: 'مغلقة', decidedAt: 'تاريخ القرار', noticeSent: 'أُرسل إشعار الإغلاق', noticePending: 'إشعار الإغلاق في طريقه.', noticeText: 'ما وصل إلى المشتكي',
    history: 'سجل الاطلاع', historyHint: 'كل اطلاع على هذه القضية وكل تغيير فيها.', noHistory: 'لا توجد سجلات.', historyFailed: 'تعذّر تحميل السجل: {{message}}',
    someone: 'النظام', failed: 'تعذّر الحفظ:', erased: 'مُحيت البيانات الشخصية لهذه القضية.',
    actions: {
      ticket_viewed: 'اطّلع على التذكرة', complaint_viewed: 'اطّلع على القضية', attachment_viewed: 'فتح مرفقًا', complaint_participant_added: 'أضاف مشاركًا',
      complaint_participant_removed: 'أزال مشاركًا', complaint_party_named: 'ذكر طرفًا', complaint_party_removed: 'أزال طرفًا',
      complaint_findings_recorded: 'سجّل النتائج', complaint_closed: 'أغلق الشكوى', ticket_status_changed: 'غيّر الحالة', ticket_assigned: 'أسند',
      ticket_classified: 'صنّف', message_added: 'أضاف رسالة',
    },
  },
  notices: {
    title: 'إشعارات الشكاوى', link: 'الإشعارات', intro: 'إشعار الاستلام وإشعار الإغلاق المرسلان إلى المشتكين. مقفلة: لا تستعمل إلا الحقول أدناه، ولا تتضمن النتائج أو الإجراء المتخذ أبدًا.',
    placeholders: 'الحقول المسموح بها', acknowledgement: 'إشعار الاستلام', closure: 'إشعار الإغلاق', ar: 'العربية', en: 'الإنجليزية', body: '{{kind}} ({{language}})',
    save: 'احفظ', saved: 'حُفظ', custom: 'معدّل', standard: 'الصياغة المعتمدة', refused: 'رُفض:', adminsOnly: 'تعديل الإشعارات للمشرفين العامّين فقط.',
  },
  agentStatus: {
    label: 'حالتي', confirmTitle: 'تغيير حالتي إلى «{{status}}»', available: 'متاح', away: 'بعيد', offline: 'غير متصل', release: 'أعد تذاكري المفتوحة إلى الفريق',
    apply: 'غيّر الحالة', cancel: 'إلغاء', failed: 'تعذّر تغيير الحالة:', released: 'تذاكر أُعيدت: {{n}}',
  },
  assignment: {
    title: 'الإسناد التلقائي', strategy: 'الطريقة', capacity: 'التذاكر المفتوحة لكل موظف', memberCapacity: 'سعة {{name}}', save: 'احفظ {{team}}',
    saved: 'حُفظ', strategies: { manual: 'يدوي', round_robin: 'بالتناوب', balanced: 'الأقل انشغالًا' }, status: 'الحالة', failed: 'تعذّر الحفظ:',
    defaultCapacity: 'سعة الفريق',
  },
  errors: { generic: 'حدث خطأ: {{message}}' },
  ...desksAr,
  ...formsAdminAr,
  ...reportsAr,
  ...serviceSettingsAr,
  ...shelfAr,
  ...caseFollowUpAr,
};
