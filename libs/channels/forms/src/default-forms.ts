import { TicketType } from '@inbox/channels/contract';
import { FormField, Localized } from './form-definition';

export interface FormPreset {
  preset: string;
  ticketType: TicketType;
  title: Localized;
  description: Localized;
  fields: FormField[];
  allowAnonymous: boolean;
}

const name = (required = true): FormField => ({ key: 'name', type: 'text', role: 'name', required, maxLength: 200, label: { ar: 'الاسم الكامل', en: 'Full name' } });
const phone = (required = true): FormField => ({
  key: 'phone', type: 'phone', required, label: { ar: 'رقم الجوال', en: 'Mobile number' }, help: { ar: 'مثال: 05xxxxxxxx', en: 'For example 05xxxxxxxx' },
});
const email = (required = false): FormField => ({ key: 'email', type: 'email', required, label: { ar: 'البريد الإلكتروني', en: 'Email' } });
const nationalId = (required = true): FormField => ({
  key: 'national_id', type: 'national_id', required, label: { ar: 'رقم الهوية الوطنية أو الإقامة', en: 'National or residence ID' },
});
const gender = (required = true): FormField => ({ key: 'gender', type: 'gender', required, label: { ar: 'الجنس', en: 'Gender' } });
const branch = (required = false): FormField => ({ key: 'branch', type: 'branch', required, label: { ar: 'الفرع الأقرب إليك', en: 'Nearest branch' } });
const details = (label: Localized, required = true): FormField => ({ key: 'details', type: 'text', role: 'message', multiline: true, required, maxLength: 4000, label });
const documents = (label: Localized, required = false, accept: FormField['accept'] = ['pdf', 'jpeg', 'png']): FormField => ({
  key: 'documents', type: 'file', required, accept, maxFiles: 3, maxBytes: 5 * 1024 * 1024, label,
});
const choice = (key: string, label: Localized, options: [string, string, string][], required = true): FormField => ({
  key, type: 'choice', required, label, options: options.map(([value, ar, en]) => ({ value, label: { ar, en } })),
});

/** The forms the associations' policies name; every organization gets them once, and admins edit them like any other. */
export const DEFAULT_FORMS: FormPreset[] = [
  {
    preset: 'inquiry', ticketType: 'inquiry', allowAnonymous: false,
    title: { ar: 'استفسار عام', en: 'General inquiry' },
    description: { ar: 'اكتب استفسارك وسنرد عليك في أقرب وقت.', en: 'Write your question and we will answer you soon.' },
    fields: [name(), phone(), email(), gender(false), branch(), details({ ar: 'استفسارك', en: 'Your question' })],
  },
  {
    preset: 'registration', ticketType: 'registration', allowAnonymous: false,
    title: { ar: 'تسجيل مستفيد', en: 'Beneficiary registration' },
    description: { ar: 'سجّل بيانات أسرتك لدى الجمعية لدراسة استحقاقها.', en: "Register your family's details for an eligibility review." },
    fields: [
      name(), nationalId(), phone(), gender(), branch(true),
      { key: 'birth_date', type: 'date', required: true, notAfterToday: true, label: { ar: 'تاريخ الميلاد', en: 'Date of birth' } },
      { key: 'city', type: 'text', required: true, maxLength: 100, label: { ar: 'المدينة / الحي', en: 'City / district' } },
      choice('family_size', { ar: 'عدد أفراد الأسرة', en: 'Family size' }, [['1-2', '١-٢', '1-2'], ['3-5', '٣-٥', '3-5'], ['6+', '٦ فأكثر', '6 or more']]),
      details({ ar: 'ملاحظات', en: 'Notes' }, false),
      documents({ ar: 'صور الهوية وصك الإعالة', en: 'ID and dependants documents' }),
    ],
  },
  {
    preset: 'support-request', ticketType: 'support_request', allowAnonymous: false,
    title: { ar: 'طلب مساعدة', en: 'Support request' },
    description: { ar: 'قدّم طلب مساعدة، وتبتّ فيه اللجنة خلال المدة المحددة.', en: 'Ask for support; the committee decides within the set period.' },
    fields: [
      name(), nationalId(), phone(), gender(), branch(true),
      choice('support_kind', { ar: 'نوع المساعدة', en: 'Kind of support' }, [
        ['financial', 'مالية', 'Financial'], ['food', 'سلة غذائية', 'Food basket'], ['housing', 'سكن / إيجار', 'Housing / rent'],
        ['medical', 'علاج', 'Medical'], ['education', 'تعليم', 'Education'], ['other', 'أخرى', 'Other'],
      ]),
      details({ ar: 'تفاصيل الطلب', en: 'Details of the request' }),
      documents({ ar: 'المستندات المؤيدة', en: 'Supporting documents' }),
    ],
  },
  {
    preset: 'volunteer', ticketType: 'volunteer', allowAnonymous: false,
    title: { ar: 'طلب تطوع', en: 'Volunteer application' },
    description: { ar: 'انضم إلى متطوعي الجمعية.', en: "Join the association's volunteers." },
    fields: [
      name(), phone(), email(), gender(), branch(),
      choice('interest', { ar: 'مجال التطوع', en: 'Area' }, [
        ['distribution', 'التوزيع الميداني', 'Field distribution'], ['events', 'الفعاليات', 'Events'], ['admin', 'الأعمال الإدارية', 'Office work'],
        ['professional', 'خبرة مهنية', 'Professional skills'],
      ]),
      choice('availability', { ar: 'الأوقات المتاحة', en: 'Availability' }, [
        ['weekdays', 'أيام الأسبوع', 'Weekdays'], ['weekends', 'نهاية الأسبوع', 'Weekends'], ['ramadan', 'رمضان والمواسم', 'Ramadan and seasons'],
      ]),
      details({ ar: 'نبذة عنك', en: 'About you' }, false),
    ],
  },
  {
    preset: 'job-application', ticketType: 'job_application', allowAnonymous: false,
    title: { ar: 'طلب توظيف', en: 'Job application' },
    description: { ar: 'قدّم على الوظائف المتاحة لدى الجمعية.', en: 'Apply for open positions at the association.' },
    fields: [
      name(), phone(), email(true), gender(), nationalId(false),
      { key: 'position', type: 'text', role: 'subject', required: true, maxLength: 200, label: { ar: 'الوظيفة المطلوبة', en: 'Position' } },
      documents({ ar: 'السيرة الذاتية', en: 'CV' }, true, ['pdf']),
      details({ ar: 'خطاب التقديم', en: 'Cover letter' }, false),
    ],
  },
  {
    preset: 'complaint', ticketType: 'complaint', allowAnonymous: true,
    title: { ar: 'تقديم شكوى', en: 'Submit a complaint' },
    description: {
      ar: 'تُعامل الشكوى بسرية تامة، ولا يطّلع عليها إلا المختصون. يمكنك تقديمها دون ذكر اسمك.',
      en: 'Complaints are handled in full confidence and seen only by those who handle them. You may submit one without your name.',
    },
    fields: [
      name(false), phone(false), email(false), nationalId(false),
      choice('about', { ar: 'موضوع الشكوى', en: 'What it is about' }, [
        ['service', 'الخدمة المقدمة', 'The service'], ['staff', 'تعامل أحد الموظفين', 'A staff member'], ['delay', 'التأخر في الرد', 'A delay'],
        ['other', 'أخرى', 'Other'],
      ]),
      details({ ar: 'تفاصيل الشكوى', en: 'Details of the complaint' }),
      documents({ ar: 'مرفقات', en: 'Attachments' }),
    ],
  },
  {
    preset: 'suggestion', ticketType: 'suggestion', allowAnonymous: false,
    title: { ar: 'اقتراح', en: 'Suggestion' },
    description: { ar: 'يسعدنا سماع اقتراحاتك لتحسين خدماتنا.', en: 'We are glad to hear how we can do better.' },
    fields: [name(false), phone(), email(), details({ ar: 'اقتراحك', en: 'Your suggestion' })],
  },
];
