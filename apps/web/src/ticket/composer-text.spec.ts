import { fillTemplate, insertMention, mentionedIds, mentionQuery } from './composer-text';

describe('reply templates', () => {
  const values = { 'contact.name': 'سالم الحربي', 'ticket.reference': 'T-1448-0012', 'agent.name': 'Khalid', 'organization.name': 'جمعية البر' };

  it('fills the four variables, with or without spaces inside the braces', () => {
    expect(fillTemplate('مرحباً {{contact.name}}، طلبك {{ ticket.reference }} لدى {{organization.name}}. {{agent.name}}', values))
      .toBe('مرحباً سالم الحربي، طلبك T-1448-0012 لدى جمعية البر. Khalid');
  });

  it('leaves an unknown variable as written, so the agent sees it before sending', () => {
    expect(fillTemplate('Dear {{contact.nmae}}', values)).toBe('Dear {{contact.nmae}}');
  });
});

describe('@mentions in notes', () => {
  it('finds the word being typed after @, only at a word start', () => {
    expect(mentionQuery('please @kha', 11)).toEqual({ start: 7, query: 'kha' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail a@b', 8)).toBeNull();
    expect(mentionQuery('@khalid done', 12)).toBeNull();
  });

  it('inserts the picked name and keeps only the mentions still in the text', () => {
    const inserted = insertMention('ask @kh now', 4, 7, 'خالد العتيبي');
    expect(inserted).toEqual({ text: 'ask @خالد العتيبي  now', caret: 18 });
    const picked = new Map([['خالد العتيبي', 'u1'], ['Sara', 'u2']]);
    expect(mentionedIds(inserted.text, picked)).toEqual(['u1']);
  });
});
