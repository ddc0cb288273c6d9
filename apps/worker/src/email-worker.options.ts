/**
 * How this process takes part in running mailboxes, from the environment:
 * EMAIL_CONNECTORS=off keeps a process out of it (an api-only replica, a
 * maintenance shell); EMAIL_OWNERSHIP_CHECK_SECONDS is how often a worker
 * looks for mailboxes nobody holds, so a dead owner's mailbox is taken over
 * within that time plus the database noticing the owner is gone.
 */
export interface EmailWorkerOptions {
  enabled: boolean;
  checkSeconds: number;
}

export function emailWorkerOptions(env: NodeJS.ProcessEnv = process.env): EmailWorkerOptions {
  const enabled = !['off', 'false', '0', 'no'].includes((env.EMAIL_CONNECTORS ?? 'on').trim().toLowerCase());
  const checkSeconds = Number(env.EMAIL_OWNERSHIP_CHECK_SECONDS ?? 15);
  if (!Number.isFinite(checkSeconds) || checkSeconds < 1 || checkSeconds > 300) {
    throw new Error(`EMAIL_OWNERSHIP_CHECK_SECONDS must be a number of seconds between 1 and 300, not "${env.EMAIL_OWNERSHIP_CHECK_SECONDS}"`);
  }
  return { enabled, checkSeconds };
}
