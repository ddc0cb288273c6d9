/**
 * The delegate's offline queue. An entry is written to the device first
 * (localStorage, so it survives a reload or a closed tab) with the key the
 * server dedupes on, then sent; it leaves the queue only when the server has
 * answered for it. Sending again after a lost answer, from a second tab or
 * twice at once is safe: the server writes each key once.
 */
export interface EntryPayload {
  clientKey: string;
  kind: 'field_contact' | 'walk_in' | 'eligibility_visit';
  occurredAt: string;
  contactId?: string;
  person?: { name?: string; gender?: 'male' | 'female'; phone?: string; nationalId?: string };
  notes: string;
  photos?: { fileName: string; contentBase64: string }[];
  position?: { latitude: number; longitude: number; accuracyMeters?: number };
  /** The report of a case visit the delegate was sent on. */
  visitId?: string;
  /** Shown in the queue and the sent list only; never sent. */
  display?: string;
}

export interface QueuedEntry {
  payload: EntryPayload;
  queuedAt: string;
  attempts: number;
  /** Why the server refused it (it stays until the delegate discards or fixes it); null while it waits for the network. */
  refused: string | null;
}

export interface SyncedEntry {
  clientKey: string;
  kind: EntryPayload['kind'];
  ticketReference: string;
  syncedAt: string;
  label: string;
}

export type SendOutcome =
  | { ok: true; ticketReference: string }
  | { ok: false; permanent: boolean; message: string };

const RETRY_MS = 15_000;
const KEEP_SYNCED = 20;

export class Outbox {
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private snapshot: { queued: QueuedEntry[]; synced: SyncedEntry[] };

  constructor(private readonly key: string, private readonly send: (payload: EntryPayload) => Promise<SendOutcome>) {
    this.snapshot = { queued: this.read('queue'), synced: this.read('synced') };
    window.addEventListener('online', this.onOnline);
    window.addEventListener('storage', this.onStorage);
  }

  dispose(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('storage', this.onStorage);
    clearTimeout(this.timer);
  }

  get state(): { queued: QueuedEntry[]; synced: SyncedEntry[] } {
    return this.snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Keeps the entry on the device, then tries to send it. Throws when the device has no room left (too many photos). */
  add(payload: EntryPayload): void {
    this.write('queue', [...this.read<QueuedEntry>('queue'), { payload, queuedAt: new Date().toISOString(), attempts: 0, refused: null }]);
    void this.flush();
  }

  discard(clientKey: string): void {
    this.write('queue', this.read<QueuedEntry>('queue').filter((e) => e.payload.clientKey !== clientKey));
  }

  /** Sends what is queued, oldest first; stops at the first network failure and tries again later. */
  flush(): Promise<void> {
    if (this.flushing) {
      // An entry added while sending goes out right after, not at the next retry.
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.run().finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  private async run(): Promise<void> {
    clearTimeout(this.timer);
    for (const entry of this.read<QueuedEntry>('queue')) {
      if (entry.refused) continue;
      let outcome: SendOutcome;
      try {
        outcome = await this.send(entry.payload);
      } catch (error) {
        outcome = { ok: false, permanent: false, message: (error as Error).message };
      }
      // Read again: another tab may have sent or discarded entries meanwhile.
      const queue = this.read<QueuedEntry>('queue');
      if (outcome.ok) {
        this.write('queue', queue.filter((e) => e.payload.clientKey !== entry.payload.clientKey));
        this.write('synced', [{
          clientKey: entry.payload.clientKey, kind: entry.payload.kind, ticketReference: outcome.ticketReference, syncedAt: new Date().toISOString(),
          label: entry.payload.display || entry.payload.person?.name || entry.payload.person?.phone || entry.payload.person?.nationalId || '',
        }, ...this.read<SyncedEntry>('synced')].slice(0, KEEP_SYNCED));
        continue;
      }
      this.write('queue', queue.map((e) => e.payload.clientKey === entry.payload.clientKey
        ? { ...e, attempts: e.attempts + 1, refused: outcome.ok === false && outcome.permanent ? outcome.message : null } : e));
      if (!outcome.permanent) break;
    }
    if (this.read<QueuedEntry>('queue').some((e) => !e.refused)) this.timer = setTimeout(() => void this.flush(), RETRY_MS);
  }

  private readonly onOnline = () => void this.flush();

  private readonly onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith(this.key)) this.refresh();
  };

  private read<T>(part: 'queue' | 'synced'): T[] {
    try {
      const value = JSON.parse(localStorage.getItem(`${this.key}.${part}`) ?? '[]') as unknown;
      return Array.isArray(value) ? (value as T[]) : [];
    } catch {
      return [];
    }
  }

  private write(part: 'queue' | 'synced', value: unknown[]): void {
    localStorage.setItem(`${this.key}.${part}`, JSON.stringify(value));
    this.refresh();
  }

  private refresh(): void {
    this.snapshot = { queued: this.read('queue'), synced: this.read('synced') };
    this.listeners.forEach((listener) => listener());
  }
}
