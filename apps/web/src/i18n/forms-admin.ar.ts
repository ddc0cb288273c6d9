import type { Strings } from './en';

/** محرر النماذج للمديرين. */
export const formsAdminAr: Pick<Strings, 'formsAdmin'> = {
  formsAdmin: {
    link: 'النماذج', title: 'النماذج الإلكترونية', intro: 'النماذج العامة التي يعبئها الناس دون تسجيل دخول. كل نموذج ينشئ تذكرة من نوعه وتوجهها القواعد.',
    adminsOnly: 'تعديل النماذج للمديرين فقط.', edit: 'تعديل', enabled: 'منشور', disabled: 'غير منشور', ticketType: 'نوع التذكرة',
    titleAr: 'العنوان (بالعربية)', titleEn: 'العنوان (بالإنجليزية)', descriptionAr: 'الوصف (بالعربية)', descriptionEn: 'الوصف (بالإنجليزية)',
    allowAnonymous: 'السماح بالتقديم دون ذكر الاسم', publish: 'منشور (يمكن للناس تقديمه)', fields: 'الحقول', addField: 'إضافة حقل',
    key: 'المفتاح', type: 'النوع', labelAr: 'التسمية (بالعربية)', labelEn: 'التسمية (بالإنجليزية)', required: 'إلزامي', helpAr: 'تلميح (بالعربية)', helpEn: 'تلميح (بالإنجليزية)',
    options: 'الخيارات', optionValue: 'القيمة', addOption: 'إضافة خيار', removeOption: 'حذف الخيار', accept: 'الملفات المقبولة', maxFiles: 'أقصى عدد ملفات',
    moveUp: 'تحريك لأعلى', moveDown: 'تحريك لأسفل', removeField: 'حذف الحقل', save: 'حفظ النموذج', saving: 'جارٍ الحفظ…', saved: 'حُفظ. تعرضه الصفحة العامة الآن.',
    publicLink: 'الرابط العام', embed: 'التضمين في موقعكم', copy: 'نسخ', copied: 'نُسخ', back: 'كل النماذج', fieldNumber: 'الحقل {{n}}',
    types: {
      text: 'نص', phone: 'رقم الجوال', email: 'البريد الإلكتروني', national_id: 'رقم الهوية', gender: 'الجنس', branch: 'الفرع', date: 'تاريخ', file: 'رفع ملف', choice: 'اختيار',
    },
    ticketTypes: {
      inquiry: 'استفسار', support_request: 'طلب دعم', registration: 'تسجيل مستفيد', volunteer: 'طلب تطوع', job_application: 'طلب توظيف',
      complaint: 'شكوى', suggestion: 'اقتراح', field_visit: 'زيارة ميدانية', review: 'مراجعة دورية',
    },
  },
};
