/** How a process takes part in running one kind of channel account, from the environment. */
export interface ConnectorOptions {
  enabled: boolean;
  checkSeconds: number;
}

/**
 * `<switch>=off` keeps a process from looking for accounts to run (an
 * api-only replica, a maintenance shell); `<check>` is how often a worker
 * looks for accounts nobody holds, so a dead owner's account is taken over
 * within that time plus the database noticing the owner is gone (15 s).
 */
export function connectorOptions(names: { switch: string; check: string }, env: NodeJS.ProcessEnv = process.env): ConnectorOptions {
  const enabled = !['off', 'false', '0', 'no'].includes((env[names.switch] ?? 'on').trim().toLowerCase());
  const checkSeconds = Number(env[names.check] ?? 15);
  if (!Number.isFinite(checkSeconds) || checkSeconds < 1 || checkSeconds > 300) {
    throw new Error(`${names.check} must be a number of seconds between 1 and 300, not "${env[names.check]}"`);
  }
  return { enabled, checkSeconds };
}

/** Mailboxes: EMAIL_CONNECTORS, EMAIL_OWNERSHIP_CHECK_SECONDS. */
export const emailWorkerOptions = (env: NodeJS.ProcessEnv = process.env) => connectorOptions({ switch: 'EMAIL_CONNECTORS', check: 'EMAIL_OWNERSHIP_CHECK_SECONDS' }, env);

/** WhatsApp Web numbers: WHATSAPP_WEB_CONNECTORS, WHATSAPP_WEB_CHECK_SECONDS. */
export const whatsAppWebOptions = (env: NodeJS.ProcessEnv = process.env) => connectorOptions({ switch: 'WHATSAPP_WEB_CONNECTORS', check: 'WHATSAPP_WEB_CHECK_SECONDS' }, env);
