/** What follows a request: field visits, the contact's file and its reviews, the request types admins shape. */
export const caseFollowUpEn = {
  visits: {
    title: 'Field visits', none: 'No visit yet.', by: 'by {{date}}', report: 'Read the report', cancel: 'Cancel the visit', new: 'Send on a visit',
    who: 'Delegate or researcher', due: 'Visit by', instructions: 'What to verify, where to find them', send: 'Send', close: 'Close',
    status: { assigned: 'Waiting for the visit', reported: 'Report received', cancelled: 'Cancelled' },
    mine: 'My visits', mineNone: 'No visit is waiting for you.', reportThis: 'Write the report', reporting: 'Report on the visit to {{name}} ({{reference}})',
    stopReporting: 'Not this visit', cachedAt: 'As of {{time}} (offline)', sentBy: 'Sent by {{name}}',
  },
  contactFile: {
    open: 'Open the file', title: 'Beneficiary file', identities: 'How to reach them', branch: 'Branch', since: 'Known since {{date}}',
    beneficiary: 'Permanent beneficiary', notBeneficiary: 'Not a permanent beneficiary', every: 'Review every (months)', nextReview: 'Next review', save: 'Save',
    saved: 'Saved.', requests: 'Requests and decisions', noRequests: 'No request yet.', stage: 'Stage', decision: 'Decision', decidedBy: '{{stage}} on {{date}} by {{name}}',
    visits: 'Field visits', noVisits: 'No visit yet.', reviews: 'Periodic reviews', noReviews: 'No review yet.', reviewDue: 'Due {{date}}',
    conversations: 'Every conversation', noConversations: 'No conversation.', messages: '{{n}} messages', confidential: 'Confidential complaint',
    notFound: 'This contact is not there.',
  },
  caseTypes: {
    link: 'Request types', title: 'Request types', intro: 'The stages each request goes through, who may move it, and what must be there first. Changes apply to new moves at once.',
    customized: 'Changed by this association', default: 'Default', edit: 'Edit', save: 'Save', reset: 'Back to the default', saved: 'Saved.',
    checklist: 'Checklist', addItem: 'Add an item', removeItem: 'Remove', key: 'Key', labelAr: 'Name (Arabic)', labelEn: 'Name (English)',
    askAr: 'How the applicant is asked (Arabic)', askEn: 'How the applicant is asked (English)', kind: 'Kind',
    kinds: { document: 'Document', check: 'Check by staff', declaration: 'Signed declaration' },
    newStage: 'New stage (its name)', addStage: 'Add the stage', stages: 'Stages', roles: 'Who may move a case here', requires: 'Required first', next: 'Can go on to', notify: 'Tell the applicant',
    roleNames: { admin: 'Admin', supervisor: 'Supervisor', agent: 'Agent', delegate: 'Delegate', researcher: 'Researcher', complaints_officer: 'Complaints officer' },
    confirmReset: 'Go back to the default stages and checklist for {{name}}?',
  },
} as const;
