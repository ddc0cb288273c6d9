import type { Strings } from './en';

/** لوحة المشرفين. */
export const reportsAr: Pick<Strings, 'reports'> = {
  reports: {
    link: 'التقارير', title: 'التقارير', period: 'الفترة', last30: 'آخر 30 يومًا', gregorianMonth: 'هذا الشهر (ميلادي)', hijriMonth: 'هذا الشهر الهجري',
    gregorianYear: 'هذه السنة (ميلادية)', hijriYear: 'هذه السنة الهجرية', branch: 'الفرع', team: 'الفريق', channel: 'القناة', all: 'الكل', export: 'تصدير CSV', loading: 'جارٍ تحميل الأرقام…',
    created: 'التذاكر المفتوحة', resolved: 'المحلولة', firstResponse: 'الرد الأول', resolution: 'الحل', median: 'الوسيط {{value}}', p90: 'المئين 90: {{value}}',
    met: 'الالتزام بالمواعيد: {{share}}', noData: 'لا توجد بيانات', volume: 'الحجم حسب القناة عبر الزمن', byType: 'حسب النوع', bySection: 'حسب القسم', busiest: 'أوقات الذروة (التذاكر المفتوحة في كل ساعة)',
    backlog: 'المتراكم الآن', backlogTeams: 'لكل فريق', backlogAgents: 'لكل موظف', open: 'مفتوحة', unassigned: 'غير مسندة', overdue: 'متأخرة', pending: 'معلّقة',
    satisfaction: 'الرضا', answered: 'الإجابات', average: 'المتوسط (1–5)', noTeam: 'بلا فريق', minutes: '{{n}} د', hours: '{{n}} س', days: '{{n}} يوم',
    aggregateNote: 'تُحسب الشكاوى ضمن هذه المجاميع فقط، ولا تُعرض هنا أبدًا.', range: '{{from}} – {{to}}',
    sections: { men: 'الرجال', women: 'النساء', mixed: 'مختلط', none: 'بلا قسم' },
    types: {
      inquiry: 'استفسار', support_request: 'طلب دعم', registration: 'تسجيل', volunteer: 'تطوع', job_application: 'توظيف',
      complaint: 'شكوى', suggestion: 'اقتراح', field_visit: 'زيارة ميدانية', review: 'مراجعة دورية',
    },
  },
};
