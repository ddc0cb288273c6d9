/** Calls and letters: the agents' desks beside the inbox. */
export const desksEn = {
  calls: {
    link: 'Calls', logCall: 'Log a call', title: 'Log a call', direction: 'Direction', incoming: 'Incoming', outgoing: 'Outgoing',
    number: 'Number', numberHint: 'For example 05xxxxxxxx', contact: 'Contact', startedAt: 'Time of the call', duration: 'Duration (minutes)',
    outcome: 'Outcome', answered: 'Answered', missed: 'Missed', callback_needed: 'Call back needed', notes: 'Notes', onTicket: 'Add to ticket {{reference}}',
    newTicket: 'Open a new ticket', save: 'Save the call', saving: 'Saving…', cancel: 'Cancel',
    logged: 'Call logged on {{reference}}.', followUp: 'A follow-up is due {{due}}.', openTicket: 'Open {{reference}}', close: 'Close',
    pageTitle: 'Calls', followUps: 'Follow-ups', followUpsHint: 'Missed calls and calls to return, with their deadlines.', mineOnly: 'Only mine',
    noFollowUps: 'No follow-ups waiting.', reason: 'Reason', due: 'Due', ticket: 'Ticket', markDone: 'Done', overdue: 'Overdue',
    import: 'Import call records', importHint: 'A CSV export of your telephone system (a header row, or Asterisk’s Master.csv). Preview first: nothing is written until you import.',
    file: 'CSV file', preview: 'Preview', importNow: 'Import {{n}} valid rows', line: 'Line', problems: 'Problems', fine: 'Fine',
    summary: '{{total}} rows: {{valid}} valid, {{invalid}} with problems.', imported: 'Imported {{n}} calls.', alreadyThere: 'already there', supervisorsOnly: 'Only supervisors and admins import call records.',
  },
  letters: {
    link: 'Letters', title: 'Correspondence register', incoming: 'Incoming', outgoing: 'Outgoing', all: 'All', number: 'Number', date: 'Date',
    correspondent: 'From / to', subject: 'Subject', attachments: 'Attachments', dispatch: 'Dispatch', noLetters: 'No letters registered yet.',
    register: 'Register an incoming letter', sender: 'Sender', senderReference: 'Sender’s reference', letterDate: 'Date on the letter',
    attachmentsCount: 'Number of attachments', contactName: 'Contact’s name', phone: 'Contact’s mobile', nationalId: 'Contact’s national ID',
    pages: 'Scanned pages (PDF or images)', notes: 'Notes', save: 'Register', saving: 'Registering…', registered: 'Registered as {{number}}.',
    pdf: 'Download PDF', dispatched: 'Dispatched ({{method}}) {{date}}', method: 'How', hand: 'By hand', post: 'By post', email: 'By email', markDispatched: 'Mark dispatched',
    write: 'Write a letter', writeTitle: 'Write a letter', template: 'Template', noTemplate: 'No template (write the text)', recipient: 'Recipient', recipientAddress: 'Address',
    senderTitle: 'Signed as', body: 'Text', issue: 'Number and print', issued: 'Letter {{number}} printed and added to the ticket.', ticketLink: 'Ticket',
  },
} as const;
