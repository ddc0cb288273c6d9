/** The supervisors' dashboard. */
export const reportsEn = {
  reports: {
    link: 'Reports', title: 'Reports', period: 'Period', last30: 'Last 30 days', gregorianMonth: 'This month (Gregorian)', hijriMonth: 'This Hijri month',
    gregorianYear: 'This year (Gregorian)', hijriYear: 'This Hijri year', branch: 'Branch', team: 'Team', channel: 'Channel', all: 'All', export: 'Export CSV', loading: 'Loading the figures…',
    created: 'Tickets opened', resolved: 'Resolved', firstResponse: 'First response', resolution: 'Resolution', median: 'Median {{value}}', p90: '90th percentile {{value}}',
    met: 'Deadlines met: {{share}}', noData: 'No data', volume: 'Volume by channel over time', byType: 'By type', bySection: 'By section', busiest: 'Busiest hours (opened per hour of the day)',
    backlog: 'Backlog now', backlogTeams: 'Per team', backlogAgents: 'Per agent', open: 'Open', unassigned: 'Unassigned', overdue: 'Overdue', pending: 'Pending',
    satisfaction: 'Satisfaction', answered: 'Answers', average: 'Average (1–5)', noTeam: 'No team', minutes: '{{n}} min', hours: '{{n}} h', days: '{{n}} d',
    aggregateNote: 'Complaints are counted in these totals only; they are never listed here.', range: '{{from}} – {{to}}',
    sections: { men: 'Men', women: 'Women', mixed: 'Mixed', none: 'No section' },
    types: {
      inquiry: 'Inquiry', support_request: 'Support request', registration: 'Registration', volunteer: 'Volunteering', job_application: 'Job application',
      complaint: 'Complaint', suggestion: 'Suggestion', field_visit: 'Field visit', review: 'Periodic review',
    },
  },
} as const;
