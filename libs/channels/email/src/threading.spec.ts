import { isForwardSubject, messageIdList, normalizeMessageId, outboundMessageId, isOurMessageId, replyHeaders, replySubject, replyToIds, ticketReferenceInSubject } from './threading';

describe('email threading', () => {
  it('stores Message-IDs without brackets and keeps their case', () => {
    expect(normalizeMessageId(' <CAF+Ab12@mail.gmail.com> ')).toBe('CAF+Ab12@mail.gmail.com');
    expect(normalizeMessageId('abc@x')).toBe('abc@x');
    expect(normalizeMessageId('')).toBeNull();
    expect(normalizeMessageId('<a b@x>')).toBeNull();
  });

  it('reads every id of a References header, folded or listed', () => {
    expect(messageIdList('<a@x>\r\n <b@y>  <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(messageIdList(['<a@x>', '<b@y>'])).toEqual(['a@x', 'b@y']);
    expect(messageIdList('not-an-id')).toEqual([]);
  });

  it('answers References then In-Reply-To, without repeats, keeping the root when capped', () => {
    expect(replyToIds(['<a@x>', '<b@x>'], '<b@x>')).toEqual(['a@x', 'b@x']);
    expect(replyToIds(undefined, '<c@x>')).toEqual(['c@x']);
    const long = Array.from({ length: 60 }, (_, i) => `<m${i}@x>`);
    const capped = replyToIds(long, '<last@x>', 50);
    expect(capped).toHaveLength(50);
    expect(capped[0]).toBe('m0@x');
    expect(capped[49]).toBe('last@x');
  });

  it('finds the ticket reference only in its bracketed form', () => {
    expect(ticketReferenceInSubject('Re: طلب مساعدة [#T-1446-0012]')).toBe('T-1446-0012');
    expect(ticketReferenceInSubject('RE: [# t-1446-00123 ] follow-up')).toBe('T-1446-00123');
    expect(ticketReferenceInSubject('about T-1446-0012 maybe')).toBeNull();
    expect(ticketReferenceInSubject('استفسار')).toBeNull();
  });

  it('keeps the reference in our reply subject once, whatever prefixes the ticket subject had', () => {
    expect(replySubject('طلب مساعدة', 'T-1446-0012')).toBe('Re: طلب مساعدة [#T-1446-0012]');
    expect(replySubject('RE: Fwd: رد: طلب [#T-1446-0012]', 'T-1446-0012')).toBe('Re: طلب [#T-1446-0012]');
    expect(replySubject('', 'T-1446-0001')).toBe('Re: [#T-1446-0001]');
  });

  it('tells forwards from replies, in English and Arabic', () => {
    expect(isForwardSubject('Fwd: invoice')).toBe(true);
    expect(isForwardSubject('FW: invoice')).toBe(true);
    expect(isForwardSubject('إعادة توجيه: فاتورة')).toBe(true);
    expect(isForwardSubject('Re: invoice')).toBe(false);
    expect(isForwardSubject('Forward planning')).toBe(false);
  });

  it('threads our reply on the conversation, leaving out ids of other channels', () => {
    const headers = replyHeaders({ inReplyTo: 'b@x', references: ['wamid.HBgM', 'a@x', 'b@x'] });
    expect(headers).toEqual({ inReplyTo: 'b@x', references: ['a@x', 'b@x'] });
    const long = replyHeaders({ inReplyTo: null, references: Array.from({ length: 30 }, (_, i) => `m${i}@x`) });
    expect(long.references).toHaveLength(20);
    expect(long.references[0]).toBe('m0@x');
    expect(long.inReplyTo).toBe('m29@x');
  });

  it('mints one Message-ID per outbound message and recognises it', () => {
    const id = outboundMessageId('0b6f6b8e-0f0a-4c1e-9d1f-3f1a2b3c4d5e', 'assoc.org');
    expect(id).toBe('inbox.0b6f6b8e-0f0a-4c1e-9d1f-3f1a2b3c4d5e@assoc.org');
    expect(isOurMessageId(id)).toBe(true);
    expect(isOurMessageId('CAF123@mail.gmail.com')).toBe(false);
  });
});
