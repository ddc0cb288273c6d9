/** ما يلي الطلب: الزيارات الميدانية، ملف المستفيد ومراجعاته، وأنواع الطلبات التي يضبطها المشرف العام. */
export const caseFollowUpAr = {
  visits: {
    title: 'الزيارات الميدانية', none: 'لا توجد زيارة بعد.', by: 'قبل {{date}}', report: 'قراءة التقرير', cancel: 'إلغاء الزيارة', new: 'تكليف بزيارة',
    who: 'المندوب أو الباحث', due: 'موعد الزيارة', instructions: 'ما يجب التحقق منه وأين يوجد المستفيد', send: 'تكليف', close: 'إغلاق',
    status: { assigned: 'بانتظار الزيارة', reported: 'وصل التقرير', cancelled: 'أُلغيت' },
    mine: 'زياراتي', mineNone: 'لا توجد زيارة بانتظارك.', reportThis: 'كتابة التقرير', reporting: 'تقرير الزيارة إلى {{name}} ({{reference}})',
    stopReporting: 'ليست هذه الزيارة', cachedAt: 'حتى {{time}} (دون اتصال)', sentBy: 'كلّفك {{name}}',
  },
  contactFile: {
    open: 'فتح الملف', title: 'ملف المستفيد', identities: 'وسائل التواصل', branch: 'الفرع', since: 'معروف لدينا منذ {{date}}',
    beneficiary: 'مستفيد دائم', notBeneficiary: 'ليس مستفيدًا دائمًا', every: 'المراجعة كل (شهر)', nextReview: 'المراجعة القادمة', save: 'حفظ',
    saved: 'تم الحفظ.', requests: 'الطلبات والقرارات', noRequests: 'لا توجد طلبات بعد.', stage: 'المرحلة', decision: 'القرار', decidedBy: '{{stage}} في {{date}} من {{name}}',
    visits: 'الزيارات الميدانية', noVisits: 'لا توجد زيارات بعد.', reviews: 'المراجعات الدورية', noReviews: 'لا توجد مراجعات بعد.', reviewDue: 'موعدها {{date}}',
    conversations: 'كل المحادثات', noConversations: 'لا توجد محادثات.', messages: 'عدد الرسائل: {{n}}', confidential: 'شكوى سرية',
    notFound: 'جهة الاتصال هذه غير موجودة.',
  },
  caseTypes: {
    link: 'أنواع الطلبات', title: 'أنواع الطلبات', intro: 'المراحل التي يمر بها كل طلب، ومن يحق له نقله، وما يجب توفره قبل ذلك. تسري التعديلات على النقل التالي مباشرة.',
    customized: 'عدّلته الجمعية', default: 'الافتراضي', edit: 'تعديل', save: 'حفظ', reset: 'العودة إلى الافتراضي', saved: 'تم الحفظ.',
    checklist: 'قائمة التحقق', addItem: 'إضافة بند', removeItem: 'حذف', key: 'المعرّف', labelAr: 'الاسم (عربي)', labelEn: 'الاسم (إنجليزي)',
    askAr: 'صيغة الطلب من المتقدم (عربي)', askEn: 'صيغة الطلب من المتقدم (إنجليزي)', kind: 'النوع',
    kinds: { document: 'مستند', check: 'تحقق يجريه الموظف', declaration: 'إقرار موقّع' },
    newStage: 'مرحلة جديدة (اسمها)', addStage: 'إضافة المرحلة', stages: 'المراحل', roles: 'من يحق له النقل إليها', requires: 'المطلوب قبلها', next: 'يمكن الانتقال منها إلى', notify: 'إبلاغ المتقدم',
    roleNames: { admin: 'مشرف عام', supervisor: 'مشرف', agent: 'موظف خدمة', delegate: 'مندوب', researcher: 'باحث اجتماعي', complaints_officer: 'مسؤول الشكاوى' },
    confirmReset: 'العودة إلى المراحل وقائمة التحقق الافتراضية لـ{{name}}؟',
  },
} as const;
