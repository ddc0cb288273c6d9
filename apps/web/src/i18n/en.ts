import { desksEn } from './desks.en';
import { formsAdminEn } from './forms-admin.en';
import { reportsEn } from './reports.en';
import { serviceSettingsEn } from './service-settings.en';
import { shelfEn } from './shelf.en';
import { caseFollowUpEn } from './case-follow-up.en';
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
    someone: 'someone', emailHtml: 'Email', field: 'Field report by {{name}}', 
    system: { complaint: { acknowledgement: 'Acknowledgement sent automatically', closure: 'Closure notice sent automatically' }, survey: 'Satisfaction survey sent automatically', review: { request: 'Periodic review: the beneficiary asked to confirm' }, case: { missing: 'Missing items requested', decision: 'Decision told to the applicant' }, other: 'Sent automatically' },
  },
  composer: {
    reply: 'Reply', note: 'Internal note', replyLabel: 'Reply to the contact', noteLabel: 'Internal note for colleagues', send: 'Send reply', addNote: 'Add note',
    replyPlaceholder: 'Write a reply…', notePlaceholder: 'Write a note; type @ to mention a colleague', to: 'Send to', ticketChannel: 'The ticket’s channel ({{channel}})',
    templates: 'Templates', noTemplates: 'No templates yet.', sending: 'Sending…', sendFailed: 'Could not send: {{message}}', mentionList: 'Colleagues to mention',
    sendHint: 'Ctrl+Enter to send', noChannel: 'This ticket has no channel to reply on; add an internal note instead.',
    attach: 'Attach', files: 'Files to send', removeFile: 'Remove {{name}}', fileTooBig: '{{name}} is larger than 8 MB.', tooManyFiles: 'At most {{n}} files a message.',
  },
  whatsapp: {
    windowOpen: 'The WhatsApp window for free text closes {{when}}', never: 'never',
    windowClosed: 'WhatsApp accepts free text only within 24 hours of the person’s last message (last message: {{when}}). Send an approved template; when they answer, the conversation opens again.',
    templateReply: 'Reply with an approved template', template: 'Template', parameter: 'Value {{n}}', preview: 'What the person will read', sendTemplate: 'Send template',
    noTemplates: 'This number has no approved templates; add them in WhatsApp Manager.', templatesFailed: 'Could not load the templates: {{message}}',
    quoted: 'In reply to an earlier message', openMap: 'Open the map', mediaSkipped: 'The file was not stored: {{reason}}',
    kind: {
      voice: 'Voice note', audio: 'Audio', video: 'Video', image: 'Photo', document: 'Document', sticker: 'Sticker', location: 'Location', contacts: 'Contact card',
      reaction: 'Reaction to a message', unsupported: 'A WhatsApp message this inbox cannot show ({{type}})', edit: 'Edited message', revoke: 'The sender deleted this message',
    },
  },
  whatsappAdmin: {
    link: 'WhatsApp', title: 'WhatsApp numbers',
    intro: 'Numbers linked through WhatsApp Web. To pair one, open WhatsApp on the association’s phone, go to Linked devices, and scan the code shown here; the link then survives restarts.',
    none: 'No WhatsApp Web number yet.', qrTitle: 'Code to scan with WhatsApp', scan: 'WhatsApp → Settings → Linked devices → Link a device, then scan this code.',
    typeCode: 'On the phone, choose “Link with phone number instead” and type:', since: 'Since {{when}}',
    add: 'Link a number', name: 'Name shown to agents', pairingPhone: 'Pair by code instead of QR (the number, optional)',
    pairingPhoneHint: 'With a number, WhatsApp shows a code to type on that phone instead of a QR code.', addButton: 'Add the number',
    state: { starting: 'Starting…', pairing: 'Waiting to be paired', connected: 'Connected', disconnected: 'Disconnected', logged_out: 'Logged out — pair again', unreachable: 'Cannot reach WhatsApp' },
  },
  cases: {
    stages: 'Stages', checklist: 'Verification', requestMissing: 'Ask the applicant for what is missing', note: 'Note for the timeline (why, for the next person)',
    moveTo: 'Move to: {{stage}}', notYourRole: 'Your role cannot take this step.', missing: 'Missing first: {{items}}', decisionDue: 'Committee decision due {{date}}',
    moved: 'Case moved to: {{stage}}', visitAssigned: 'Field visit assigned to {{name}}', reviewOpened: 'Periodic review of a permanent beneficiary (due {{date}})',
    agenda: 'Cases', stage: 'Stage', none: 'No case at this stage.', reference: 'Request', applicant: 'Applicant', type: 'Type', deadline: 'Decision due', link: 'Cases',
    stageNames: { committee: 'Awaiting the committee', research: 'With social research', verification: 'In verification', received: 'Received' },
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
  notification: { incoming_call: 'Call from {{name}}', assigned: '{{name}} assigned {{reference}} to you', mentioned: '{{name}} mentioned you in {{reference}}', added_to_case: '{{name}} added you to the case {{reference}}',
    deadline_approaching: '{{reference}}: a deadline is near', deadline_breached: '{{reference}}: a deadline has passed',
    channel_lost: 'The number {{name}} is no longer connected to WhatsApp',
    visit_assigned: '{{name}} sent you on a field visit for {{reference}}',
  },
  complaint: {
    band: 'Confidential complaint', bandHint: 'Only complaints officers and the colleagues added to this case can see it.', loading: 'Loading the case…',
    trackingCode: 'Tracking code', reference: 'Reference', acknowledged: 'Acknowledgement sent', notYet: 'Not yet',
    parties: 'Parties named', partiesHint: 'People the complaint names; they cannot see it.', noParties: 'No parties named.',
    partyColleague: 'Colleague', partyOrName: 'Or a name (not a colleague)', partyRole: 'Role (optional)', addParty: 'Name the party', removeParty: 'Remove {{name}}',
    chooseColleague: 'Choose a colleague', participants: 'Participants', participantsHint: 'Colleagues added to work on the case.', noParticipants: 'Nobody added yet.',
    participant: 'Colleague to add', addParticipant: 'Add to the case', removeParticipant: 'Remove {{name}} from the case', addedAt: 'added',
    internal: 'Internal — never sent', internalHint: 'Findings and action taken stay inside the case: they are never merged into anything sent to the complainant.',
    findings: 'Findings', actionTaken: 'Action taken', save: 'Save findings', saved: 'Saved',
    decision: 'Decision', chooseDecision: 'Choose a decision', close: 'Close and notify the complainant',
    decisions: { upheld: 'Upheld', partially_upheld: 'Partially upheld', not_upheld: 'Not upheld', withdrawn: 'Withdrawn' },
    confirmTitle: 'Close the complaint and notify the complainant?', confirmBody: 'The complainant will receive the closure notice on their channel: it gives the reference and dates, and says the matter was examined and appropriate action was taken. It never states the findings or the action taken.',
    confirmDecision: 'Decision: {{decision}}', confirm: 'Close and send the notice', cancel: 'Cancel',
    closed: 'Closed', decidedAt: 'Decided', noticeSent: 'Closure notice sent', noticePending: 'The closure notice is on its way.', noticeText: 'What the complainant received',
    history: 'Access history', historyHint: 'Every view and change of this case.', noHistory: 'No entries.', historyFailed: 'Could not load the history: {{message}}',
    someone: 'System', failed: 'Could not save:', erased: 'The personal data of this case has been erased.',
    actions: {
      ticket_viewed: 'Viewed the ticket', complaint_viewed: 'Viewed the case', attachment_viewed: 'Opened an attachment', complaint_participant_added: 'Added a participant',
      complaint_participant_removed: 'Removed a participant', complaint_party_named: 'Named a party', complaint_party_removed: 'Removed a party',
      complaint_findings_recorded: 'Recorded findings', complaint_closed: 'Closed the complaint', ticket_status_changed: 'Changed the status', ticket_assigned: 'Assigned',
      ticket_classified: 'Classified', message_added: 'Added a message',
    },
  },
  notices: {
    title: 'Complaint notices', link: 'Notices', intro: 'The acknowledgement and the closure notice sent to complainants. Locked: they may only use the fields below, never the findings or the action taken.',
    placeholders: 'Allowed fields', acknowledgement: 'Acknowledgement', closure: 'Closure notice', ar: 'Arabic', en: 'English', body: '{{kind}} ({{language}})',
    save: 'Save', saved: 'Saved', custom: 'Edited', standard: 'Standard wording', refused: 'Refused:', adminsOnly: 'Only admins can edit the notices.',
  },
  agentStatus: {
    label: 'My status', confirmTitle: 'Change my status to “{{status}}”', available: 'Available', away: 'Away', offline: 'Offline', release: 'Hand my open tickets back to the team',
    apply: 'Change status', cancel: 'Cancel', failed: 'Could not change the status:', released: 'Tickets handed back: {{n}}',
  },
  assignment: {
    title: 'Automatic assignment', strategy: 'Strategy', capacity: 'Open tickets per agent', memberCapacity: 'Capacity of {{name}}', save: 'Save {{team}}',
    saved: 'Saved', strategies: { manual: 'Manual', round_robin: 'Round robin', balanced: 'Least busy' }, status: 'Status', failed: 'Could not save:',
    defaultCapacity: 'Team default',
  },
  errors: { generic: 'Something went wrong: {{message}}' },
  ...desksEn,
  ...formsAdminEn,
  ...reportsEn,
  ...serviceSettingsEn,
  ...shelfEn,
  ...caseFollowUpEn,
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Strings = Widen<typeof en>;
