/** The admins' form editor. */
export const formsAdminEn = {
  formsAdmin: {
    link: 'Forms', title: 'Web forms', intro: 'The public forms people fill without signing in. Each makes a ticket of its type, routed by the rules.',
    adminsOnly: 'Only admins edit forms.', edit: 'Edit', enabled: 'Published', disabled: 'Not published', ticketType: 'Ticket type',
    titleAr: 'Title (Arabic)', titleEn: 'Title (English)', descriptionAr: 'Description (Arabic)', descriptionEn: 'Description (English)',
    allowAnonymous: 'Allow anonymous submissions', publish: 'Published (people can submit it)', fields: 'Fields', addField: 'Add a field',
    key: 'Key', type: 'Type', labelAr: 'Label (Arabic)', labelEn: 'Label (English)', required: 'Required', helpAr: 'Hint (Arabic)', helpEn: 'Hint (English)',
    options: 'Options', optionValue: 'Value', addOption: 'Add an option', removeOption: 'Remove the option', accept: 'Accepted files', maxFiles: 'At most files',
    moveUp: 'Move up', moveDown: 'Move down', removeField: 'Remove the field', save: 'Save the form', saving: 'Saving…', saved: 'Saved. The public page shows it now.',
    publicLink: 'Public link', embed: 'Embed on your website', copy: 'Copy', copied: 'Copied', back: 'All forms', fieldNumber: 'Field {{n}}',
    types: {
      text: 'Text', phone: 'Mobile number', email: 'Email', national_id: 'National ID', gender: 'Gender', branch: 'Branch', date: 'Date', file: 'File upload', choice: 'Choice',
    },
    ticketTypes: {
      inquiry: 'Inquiry', support_request: 'Support request', registration: 'Beneficiary registration', volunteer: 'Volunteer application', job_application: 'Job application',
      complaint: 'Complaint', suggestion: 'Suggestion', field_visit: 'Field visit', review: 'Periodic review',
    },
  },
} as const;
