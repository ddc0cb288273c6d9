/** English strings. The Arabic file must have exactly these keys (the type checks it). */
export const en = {
  app: { title: 'Inbox', skipToList: 'Skip to the ticket list', skipToTicket: 'Skip to the open ticket' },
  language: { label: 'Language', ar: 'العربية', en: 'English', switchTo: 'العربية' },
  login: {
    title: 'Sign in to the inbox', email: 'Email', password: 'Password', submit: 'Sign in', failed: 'The email or password is not right.',
    throttled: 'Too many attempts. Wait a minute and try again.', error: 'Could not sign in: {{message}}',
  },
  shell: {
    inbox: 'Inbox', supervisor: 'Supervision', signOut: 'Sign out', menu: 'Views', shortcuts: 'Keyboard shortcuts', user: 'Signed in as {{name}}',
  },
  connection: {
    connecting: 'Connecting…', live: 'Live', lost: 'Connection lost. Reconnecting…', syncing: 'Reconnected. Catching up…', caughtUp: 'Caught up',
    reset: 'Caught up: the lists were reloaded',
  },
  views: {
    heading: 'Views', mine: 'Mine', unassigned: 'Unassigned', allOpen: 'All open', myTeams: 'My teams', teams: 'Teams', byChannel: 'By channel', byStatus: 'By status',
    count: '{{n}} tickets',
  },
  status: { new: 'New', open: 'Open', pending: 'Pending', resolved: 'Resolved', closed: 'Closed' },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  channel: {
    api: 'API', email: 'Email', whatsapp_web: 'WhatsApp', whatsapp_cloud: 'WhatsApp Business', web_form: 'Web form', phone: 'Phone call', letter: 'Letter', field: 'Field visit',
  },
  identity: { phone: 'Phone', email: 'Email', whatsapp: 'WhatsApp', national_id: 'National ID' },
  deadline: {
    firstResponseOverdue: 'Reply overdue', firstResponseDue: 'Reply {{when}}', resolutionOverdue: 'Overdue', resolutionDue: 'Due {{when}}',
  },
  list: {
    search: 'Search tickets', searchHint: 'Reference, phone, email or words', empty: 'No tickets here.', loading: 'Loading tickets…', loadingMore: 'Loading more…',
    unread: 'Unread', newAbove: 'New tickets: {{n}}', error: 'Could not load the tickets: {{message}}',
    retry: 'Try again', label: 'Tickets', noName: 'No name', assignedTo: 'Assigned to {{name}}', unassigned: 'Unassigned',
  },
  ticket: {
    none: 'Pick a ticket from the list.', loading: 'Loading the ticket…', back: 'Back to the list', notFound: 'This ticket is no longer visible to you.',
    status: 'Status', priority: 'Priority', team: 'Team', assignee: 'Assignee', noTeam: 'No team', nobody: 'Nobody', takeIt: 'Take it',
    resolve: 'Resolve', timeline: 'Conversation', createdAt: 'Opened', confidential: 'Confidential',
    changed: 'Saved', changeFailed: 'Could not save: {{message}}',
  },
  contact: {
    heading: 'Contact', identities: 'Identities', otherTickets: 'Other tickets', noOtherTickets: 'No other tickets.', kind: {
      beneficiary: 'Beneficiary', member: 'Member', volunteer: 'Volunteer', donor: 'Donor', complainant: 'Complainant', other: 'Other',
    },
  },
  message: {
    inbound: 'From {{name}}', outbound: 'Reply by {{name}}', note: 'Internal note by {{name}}', event: 'System',
    delivery: { queued: 'Queued', sending: 'Sending', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed' },
    failedBecause: 'Not sent: {{reason}}', attachments: 'Attachments', download: 'Download {{name}}', downloadFailed: 'Could not download: {{message}}',
    someone: 'someone', emailHtml: 'Email',
  },
  composer: {
    reply: 'Reply', note: 'Internal note', replyLabel: 'Reply to the contact', noteLabel: 'Internal note for colleagues', send: 'Send reply', addNote: 'Add note',
    replyPlaceholder: 'Write a reply…', notePlaceholder: 'Write a note; type @ to mention a colleague', to: 'Send to', ticketChannel: 'The ticket’s channel ({{channel}})',
    templates: 'Templates', noTemplates: 'No templates yet.', sending: 'Sending…', sendFailed: 'Could not send: {{message}}', mentionList: 'Colleagues to mention',
    sendHint: 'Ctrl+Enter to send', noChannel: 'This ticket has no channel to reply on; add an internal note instead.',
  },
  presence: { viewing: '{{names}} viewing', typing: '{{names}} replying', and: ', ' },
  shortcuts: {
    title: 'Keyboard shortcuts', next: 'Next ticket', previous: 'Previous ticket', reply: 'Reply', note: 'Internal note', assign: 'Assign to me',
    resolve: 'Resolve', search: 'Search', help: 'This help', send: 'Send (in the composer)', close: 'Close',
  },
  supervisor: {
    title: 'Supervision', teams: 'Team queues', agents: 'Agents’ load', team: 'Team', agent: 'Agent', open: 'Open', unassigned: 'Unassigned', pending: 'Pending',
    overdue: 'Overdue', noTeam: 'No team', tickets: 'Open tickets', select: 'Select {{reference}}', selectAll: 'Select all shown', selected: 'Selected: {{n}}', assignTo: 'Assign to', moveTo: 'Move to team', apply: 'Reassign', done: 'Tickets reassigned: {{n}}', notFound: 'Could not be changed: {{n}}', loadMore: 'Load more', filterTeam: 'Team', filterAssignee: 'Assignee',
    anyone: 'Anyone', unassign: 'Nobody (unassign)', keepTeam: 'Keep the team',
  },
  notification: { assigned: '{{name}} assigned {{reference}} to you', mentioned: '{{name}} mentioned you in {{reference}}', added_to_case: '{{name}} added you to the case {{reference}}',
    deadline_approaching: '{{reference}}: a deadline is near', deadline_breached: '{{reference}}: a deadline has passed',
  },
  errors: { generic: 'Something went wrong: {{message}}' },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Strings = Widen<typeof en>;
