import type { Strings } from './en';

/** المكالمات والخطابات: مكاتب الموظفين بجانب صندوق الوارد. */
export const desksAr: Pick<Strings, 'calls' | 'letters'> = {
  calls: {
    link: 'المكالمات', logCall: 'تسجيل مكالمة', title: 'تسجيل مكالمة', direction: 'الاتجاه', incoming: 'واردة', outgoing: 'صادرة',
    number: 'الرقم', numberHint: 'مثال: 05xxxxxxxx', contact: 'جهة الاتصال', startedAt: 'وقت المكالمة', duration: 'المدة (بالدقائق)',
    outcome: 'النتيجة', answered: 'تم الرد', missed: 'فائتة', callback_needed: 'تحتاج معاودة الاتصال', notes: 'ملاحظات', onTicket: 'إضافتها إلى التذكرة {{reference}}',
    newTicket: 'فتح تذكرة جديدة', save: 'حفظ المكالمة', saving: 'جارٍ الحفظ…', cancel: 'إلغاء',
    logged: 'سُجّلت المكالمة على {{reference}}.', followUp: 'مطلوب متابعة قبل {{due}}.', openTicket: 'فتح {{reference}}', close: 'إغلاق',
    pageTitle: 'المكالمات', followUps: 'المتابعات', followUpsHint: 'المكالمات الفائتة والمكالمات المطلوب معاودتها، بمواعيدها.', mineOnly: 'الخاصة بي فقط',
    noFollowUps: 'لا توجد متابعات منتظرة.', reason: 'السبب', due: 'الموعد', ticket: 'التذكرة', markDone: 'تمت', overdue: 'متأخرة',
    import: 'استيراد سجل المكالمات', importHint: 'ملف CSV من نظام الهاتف (بصف عناوين، أو Master.csv من Asterisk). اعرضه أولًا: لا يُكتب شيء حتى تضغط استيراد.',
    file: 'ملف CSV', preview: 'معاينة', importNow: 'استيراد {{n}} صفًا سليمًا', line: 'السطر', problems: 'المشكلات', fine: 'سليم',
    summary: '{{total}} صفًا: {{valid}} سليمة، و{{invalid}} بها مشكلات.', imported: 'استُوردت {{n}} مكالمة.', alreadyThere: 'موجودة من قبل', supervisorsOnly: 'يستورد سجل المكالمات المشرفون والمديرون فقط.',
  },
  letters: {
    link: 'الخطابات', title: 'سجل الصادر والوارد', incoming: 'الوارد', outgoing: 'الصادر', all: 'الكل', number: 'الرقم', date: 'التاريخ',
    correspondent: 'من / إلى', subject: 'الموضوع', attachments: 'المرفقات', dispatch: 'الإرسال', noLetters: 'لم يُسجل أي خطاب بعد.',
    register: 'تسجيل خطاب وارد', sender: 'الجهة المرسلة', senderReference: 'رقم الخطاب لدى المرسل', letterDate: 'تاريخ الخطاب',
    attachmentsCount: 'عدد المرفقات', contactName: 'اسم صاحب العلاقة', phone: 'جوال صاحب العلاقة', nationalId: 'هوية صاحب العلاقة',
    pages: 'الصفحات الممسوحة (PDF أو صور)', notes: 'ملاحظات', save: 'تسجيل', saving: 'جارٍ التسجيل…', registered: 'سُجّل برقم {{number}}.',
    pdf: 'تنزيل PDF', dispatched: 'أُرسل ({{method}}) {{date}}', method: 'طريقة الإرسال', hand: 'باليد', post: 'بالبريد', email: 'بالبريد الإلكتروني', markDispatched: 'تسجيل الإرسال',
    write: 'كتابة خطاب', writeTitle: 'كتابة خطاب صادر', template: 'القالب', noTemplate: 'بلا قالب (اكتب النص)', recipient: 'المرسل إليه', recipientAddress: 'العنوان',
    senderTitle: 'صفة الموقّع', body: 'النص', issue: 'ترقيم وطباعة', issued: 'طُبع الخطاب {{number}} وأُضيف إلى التذكرة.', ticketLink: 'التذكرة',
  },
};
