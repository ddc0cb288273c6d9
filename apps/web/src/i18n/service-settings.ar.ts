import type { Strings } from './en';

/** مواعيد الإنجاز والعطل، للمديرين. */
export const serviceSettingsAr: Pick<Strings, 'service'> = {
  service: {
    hoursTitle: 'ساعات العمل والاستبيانات', workDays: 'أيام العمل', workStart: 'بداية الدوام', workEnd: 'نهاية الدوام', timeZone: 'المنطقة الزمنية',
    defaultFirstResponse: 'الرد الأول إن لم تنطبق سياسة (ساعات)', defaultResolution: 'الحل إن لم تنطبق سياسة (ساعات)',
    surveys: 'استبيان الرضا', surveyDelay: 'يُرسل بعد الحل (دقائق)', surveyComplaints: 'بعد الشكوى', surveyProcess: 'يُسأل عن طريقة المعالجة فقط',
    surveyNone: 'بلا استبيان', save: 'حفظ', warnBefore: 'التنبيه قبل الموعد (دقائق)', escalation: 'عند التجاوز', raisePriority: 'رفع الأولوية', toLead: 'إسنادها لقائد الفريق',
    link: 'المواعيد', title: 'ساعات العمل ومواعيد الإنجاز والعطل', intro: 'تُحسب المواعيد بساعات العمل فقط (ساعات عمل الجمعية دون العطل)، ويُطبّق أخصّ سياسة لنوع التذكرة وأولويتها وقناتها.',
    policies: 'سياسات المواعيد', noPolicies: 'لا توجد سياسات بعد: تُطبّق المواعيد الافتراضية.', name: 'الاسم', type: 'نوع التذكرة', priority: 'الأولوية', channel: 'القناة', any: 'أي',
    firstResponse: 'الرد الأول (ساعات)', nextResponse: 'الرد التالي (ساعات)', resolution: 'الحل (ساعات)', decisionDays: 'قرار اللجنة (أيام)',
    addPolicy: 'إضافة السياسة', remove: 'حذف', holidays: 'العطل', noHolidays: 'لم تُدخل عطل.', holidayName: 'العطلة', calendar: 'التقويم', gregorian: 'ميلادي',
    hijri: 'هجري (أم القرى)', date: 'التاريخ', hijriDate: 'التاريخ الهجري (سنة-شهر-يوم)', addHoliday: 'إضافة العطلة', saved: 'حُفظ.', hours: '{{n}} س', days: '{{n}} يوم',
  },
};
