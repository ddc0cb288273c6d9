import { createHmac, timingSafeEqual } from 'node:crypto';

export const PBX_SIGNATURE_HEADER = 'x-inbox-signature';
export const PBX_TIMESTAMP_HEADER = 'x-inbox-timestamp';
/** How far a PBX clock may be from ours; older signed requests are refused, so a captured one cannot be replayed later. */
export const PBX_TOLERANCE_SECONDS = 300;

/**
 * The same scheme the API channel signs its webhooks with: HMAC-SHA256 over
 * `<timestamp>.<raw body>` with the account's secret, hex, as `sha256=<hex>`.
 * From a dialplan or AGI script: printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET".
 */
export function signPbxRequest(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'forged';

export function checkPbxSignature(
  secret: string, timestamp: string | undefined, signature: string | undefined, body: Buffer, nowSeconds = Math.floor(Date.now() / 1000),
): SignatureCheck {
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{9,11}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > PBX_TOLERANCE_SECONDS) return 'stale';
  const expected = Buffer.from(signPbxRequest(secret, timestamp, body));
  const given = Buffer.from(signature.trim());
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'forged';
}
