/** The admins' deadline policies and holidays. */
export const serviceSettingsEn = {
  service: {
    link: 'Deadlines', title: 'Deadlines and holidays', intro: 'Deadlines count working time only (the organization’s business hours, without holidays); the most specific policy for a ticket’s type, priority and channel applies.',
    policies: 'Deadline policies', noPolicies: 'No policies yet: the organization’s defaults apply.', name: 'Name', type: 'Ticket type', priority: 'Priority', channel: 'Channel', any: 'Any',
    firstResponse: 'First response (hours)', nextResponse: 'Next response (hours)', resolution: 'Resolution (hours)', decisionDays: 'Committee decision (days)',
    addPolicy: 'Add the policy', remove: 'Remove', holidays: 'Holidays', noHolidays: 'No holidays entered.', holidayName: 'Holiday', calendar: 'Entered in', gregorian: 'Gregorian',
    hijri: 'Hijri (Umm al-Qura)', date: 'Date', hijriDate: 'Hijri date (year-month-day)', addHoliday: 'Add the holiday', saved: 'Saved.', hours: '{{n}} h', days: '{{n}} d',
  },
} as const;
