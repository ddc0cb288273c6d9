import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/http';
import type { Message, Ticket, TicketDetail } from '../api/types';
import type { PresencePayload, RealtimeClient } from '../realtime/realtime-client';

export type DetailState =
  | { status: 'loading'; detail: null }
  | { status: 'ready'; detail: TicketDetail }
  | { status: 'notFound'; detail: null }
  | { status: 'error'; detail: null; error: string };

const RELOAD_DEBOUNCE_MS = 150;

/**
 * One open ticket, kept current: a new message reloads the timeline, a
 * delivery update or a ticket change is patched in place. Opening it (and
 * anything arriving while it is open) marks it read.
 */
export function useTicketDetail(id: string, realtime: RealtimeClient, onRead: (id: string) => void) {
  const [state, setState] = useState<DetailState>({ status: 'loading', detail: null });
  const generation = useRef(0);

  const load = useCallback(async (quiet: boolean, read: boolean) => {
    const mine = ++generation.current;
    if (!quiet) setState({ status: 'loading', detail: null });
    try {
      const detail = await api.ticket(id);
      if (mine !== generation.current) return;
      setState({ status: 'ready', detail });
      // A failed read marker only leaves the row bold; the next open tries again.
      if (read) await api.markRead(id).then(() => onRead(id), () => undefined);
    } catch (error) {
      if (mine !== generation.current) return;
      if (error instanceof ApiError && error.status === 404) setState({ status: 'notFound', detail: null });
      else if (!quiet) setState({ status: 'error', detail: null, error: (error as Error).message });
    }
  }, [id, onRead]);

  useEffect(() => {
    void load(false, true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let read = false;
    const reload = (markRead = false) => {
      read ||= markRead;
      clearTimeout(timer);
      timer = setTimeout(() => {
        void load(true, read);
        read = false;
      }, RELOAD_DEBOUNCE_MS);
    };
    const offStream = realtime.onStream((event) => {
      if (event.ticketId !== id) return;
      // Patch at once what the event says, then reload: a load already in flight may predate the event,
      // and only the newest load is applied, so the timeline always ends at least as new as the last event.
      if (event.type === 'message.updated') {
        const { messageId, deliveryStatus, failureReason } = event.payload;
        setState((current) => current.status !== 'ready' ? current : {
          ...current,
          detail: {
            ...current.detail,
            messages: current.detail.messages.map((message): Message => message.id === messageId
              ? { ...message, deliveryStatus: deliveryStatus as Message['deliveryStatus'], failureReason: failureReason ?? message.failureReason }
              : message),
          },
        });
      } else if (event.type === 'ticket.updated') {
        const { status, priority, teamId, assigneeId } = event.payload;
        setState((current) => current.status !== 'ready' ? current : {
          ...current,
          detail: { ...current.detail, ticket: { ...current.detail.ticket, status, priority, teamId, assigneeId } as Ticket },
        });
      }
      // Something new written on the ticket open before the agent's eyes is read.
      reload(event.type === 'message.created');
    });
    const offReset = realtime.onReset(() => reload(true));
    return () => {
      clearTimeout(timer);
      offStream();
      offReset();
    };
  }, [id, realtime, load]);

  return { state, reload: () => load(true, false) };
}

/** Who else has this ticket open, and whether they are typing; announces this user as viewing it. */
export function usePresence(id: string, realtime: RealtimeClient, myId: string): PresencePayload['viewers'] {
  const [viewers, setViewers] = useState<PresencePayload['viewers']>([]);
  useEffect(() => {
    setViewers([]);
    let alive = true;
    const others = (presence: PresencePayload) => presence.viewers.filter((viewer) => viewer.userId !== myId);
    const off = realtime.onPresence((presence) => presence.ticketId === id && setViewers(others(presence)));
    void realtime.view(id).then((result) => alive && result.presence && setViewers(others(result.presence)));
    return () => {
      alive = false;
      off();
      realtime.leave(id);
    };
  }, [id, realtime, myId]);
  return viewers;
}

const TYPING_IDLE_MS = 3_000;

/** Tells the others this user is typing a reply; stops after three idle seconds, on send and on leaving. */
export function useTypingSignal(id: string, realtime: RealtimeClient): { typed: () => void; stop: () => void } {
  const typing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stop = useCallback(() => {
    clearTimeout(timer.current);
    if (typing.current) realtime.typing(id, false);
    typing.current = false;
  }, [id, realtime]);
  const typed = useCallback(() => {
    if (!typing.current) realtime.typing(id, true);
    typing.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(stop, TYPING_IDLE_MS);
  }, [id, realtime, stop]);
  useEffect(() => stop, [stop]);
  return { typed, stop };
}
