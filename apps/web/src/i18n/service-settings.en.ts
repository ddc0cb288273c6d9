/** The admins' deadline policies and holidays. */
export const serviceSettingsEn = {
  service: {
    hoursTitle: 'Working hours and surveys', workDays: 'Working days', workStart: 'Day starts', workEnd: 'Day ends', timeZone: 'Time zone',
    defaultFirstResponse: 'First response when no policy applies (hours)', defaultResolution: 'Resolution when no policy applies (hours)',
    surveys: 'Satisfaction survey', surveyDelay: 'Sent after resolving (minutes)', surveyComplaints: 'After a complaint', surveyProcess: 'Ask about the handling only',
    surveyNone: 'No survey', save: 'Save', warnBefore: 'Warn before (minutes)', escalation: 'On breach', raisePriority: 'Raise the priority', toLead: 'Give it to the team lead',
    link: 'Deadlines', title: 'Working hours, deadlines and holidays', intro: 'Deadlines count working time only (the organization’s business hours, without holidays); the most specific policy for a ticket’s type, priority and channel applies.',
    policies: 'Deadline policies', noPolicies: 'No policies yet: the organization’s defaults apply.', name: 'Name', type: 'Ticket type', priority: 'Priority', channel: 'Channel', any: 'Any',
    firstResponse: 'First response (hours)', nextResponse: 'Next response (hours)', resolution: 'Resolution (hours)', decisionDays: 'Committee decision (days)',
    addPolicy: 'Add the policy', remove: 'Remove', holidays: 'Holidays', noHolidays: 'No holidays entered.', holidayName: 'Holiday', calendar: 'Entered in', gregorian: 'Gregorian',
    hijri: 'Hijri (Umm al-Qura)', date: 'Date', hijriDate: 'Hijri date (year-month-day)', addHoliday: 'Add the holiday', saved: 'Saved.', hours: '{{n}} h', days: '{{n}} d',
  },
} as const;
