import { fillTemplate, LetterFacts } from './letter-template';

const facts: LetterFacts = {
  recipient: { name: 'أحمد الغامدي' }, contact: { name: 'أحمد الغامدي' }, ticket: { reference: 'T-1446-0012' },
  letter: { number: '1446/0007', date: '5 جمادى الآخرة 1446 هـ', gregorianDate: '7 ديسمبر 2024', attachments: '2' },
  organization: { name: 'جمعية البر' }, sender: { name: 'سارة' },
};

describe('letter templates', () => {
  it('fills allow-listed placeholders and leaves anything else as written', () => {
    expect(fillTemplate('المكرم {{ recipient.name }}، إشارة إلى طلبكم {{ticket.reference}} — {{organization.name}}', facts))
      .toBe('المكرم أحمد الغامدي، إشارة إلى طلبكم T-1446-0012 — جمعية البر');
    expect(fillTemplate('{{ticket.notes}} {{constructor.name}} {{letter.toString}}', facts)).toBe('{{ticket.notes}} {{constructor.name}} {{letter.toString}}');
  });
});
