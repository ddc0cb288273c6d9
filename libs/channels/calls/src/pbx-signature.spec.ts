import { checkPbxSignature, signPbxRequest } from './pbx-signature';

describe('PBX webhook signature', () => {
  const secret = 'pbx-secret-0123456789';
  const body = Buffer.from('{"event":"answered","callId":"1700000000.42","from":"0501234567"}');
  const now = 1_732_800_000;

  it('accepts the exact bytes signed with the account secret', () => {
    expect(checkPbxSignature(secret, String(now), signPbxRequest(secret, String(now), body), body, now)).toBe('ok');
  });

  it('refuses another secret, another body, a missing header and an old timestamp', () => {
    expect(checkPbxSignature(secret, String(now), signPbxRequest('other', String(now), body), body, now)).toBe('forged');
    expect(checkPbxSignature(secret, String(now), signPbxRequest(secret, String(now), body), Buffer.from(`${body} `), now)).toBe('forged');
    expect(checkPbxSignature(secret, String(now), undefined, body, now)).toBe('missing');
    const old = String(now - 301);
    expect(checkPbxSignature(secret, old, signPbxRequest(secret, old, body), body, now)).toBe('stale');
  });
});
