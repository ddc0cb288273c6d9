import { isBase64Text } from './validation';

describe('base64 check', () => {
  it('takes padded standard base64 and refuses anything else', () => {
    for (const text of ['', 'QQ==', 'QUI=', 'QUJD', Buffer.from('ملف عربي').toString('base64')]) expect(isBase64Text(text)).toBe(true);
    for (const text of ['QQ', 'QQ=', 'Q===', 'QU=D', 'QUJD\n', 'QU-_', 'QUJ*', 12]) expect(isBase64Text(text)).toBe(false);
  });

  it('reads a 12 MB file in one pass, where a backtracking regular expression runs out of stack', () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 7).toString('base64');
    expect(isBase64Text(big)).toBe(true);
    expect(isBase64Text(`${big.slice(0, -4)}!!!!`)).toBe(false);
  });
});
