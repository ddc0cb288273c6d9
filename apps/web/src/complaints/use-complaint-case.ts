import { useCallback, useEffect, useState } from 'react';
import { complaintsApi, type ComplaintCase } from './complaints-api';

export interface CaseState {
  kase: ComplaintCase | null;
  error: string | null;
  /** Runs a change; the answer is the case as it now stands. A refusal comes back as its message (shown beside the control). */
  run: (change: () => Promise<ComplaintCase>) => Promise<string | null>;
  reload: () => void;
}

/** The case of one confidential ticket, reloaded when the ticket's detail reloads (a live change). */
export function useComplaintCase(ticketId: string, version: unknown): CaseState {
  const [kase, setKase] = useState<ComplaintCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    complaintsApi.get(ticketId).then((value) => {
      setKase(value);
      setError(null);
    }, (failure: Error) => setError(failure.message));
  }, [ticketId]);
  useEffect(reload, [reload, version]);
  const run = useCallback(async (change: () => Promise<ComplaintCase>) => {
    try {
      setKase(await change());
      return null;
    } catch (failure) {
      return (failure as Error).message;
    }
  }, []);
  return { kase, error, run, reload };
}
