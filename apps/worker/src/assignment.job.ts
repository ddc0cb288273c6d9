import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventMap, EventNotice } from '@inbox/realtime';
import { AssignmentService } from '@inbox/tickets';
import { ChangeFeedSubscriber, WorkerChangeFeed } from './worker-change-feed';

/** How often every automatic team's queue is looked at, for agents who came online or freed capacity. */
const SWEEP_MS = 10_000;
/** A burst of new tickets for one team is assigned in one pass. */
const DEBOUNCE_MS = 50;

/**
 * Assigns tickets as they arrive: listens to the change feed for tickets
 * that enter a team's queue unassigned, and sweeps every automatic team on
 * a timer for the rest. Passes on one team are serialised by its advisory
 * lock, so any number of workers may run this.
 */
@Injectable()
export class AssignmentJob implements OnApplicationBootstrap, OnApplicationShutdown, ChangeFeedSubscriber {
  private readonly logger = new Logger(AssignmentJob.name);
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly feed: WorkerChangeFeed, private readonly assignment: AssignmentService) {}

  onApplicationBootstrap(): void {
    this.feed.subscribe(this);
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweepTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.pending.forEach((timer) => clearTimeout(timer));
  }

  catchUp(): Promise<void> {
    return this.sweep();
  }

  async sweep(): Promise<void> {
    try {
      for (const teamId of await this.assignment.teamsWithBacklog()) await this.assignment.assignTeam(teamId);
    } catch (error) {
      this.logger.warn(`assignment sweep failed: ${(error as Error).message}`);
    }
  }

  onNotices(notices: EventNotice[]): void {
    notices.forEach((notice) => this.onNotice(notice));
  }

  private onNotice(notice: EventNotice): void {
    if (notice.confidential || notice.assigneeId || !notice.teamId) return;
    if (notice.type !== 'ticket.created' && notice.type !== 'ticket.updated') return;
    if (notice.type === 'ticket.updated' && !(notice.payload as EventMap['ticket.updated']).changes.some((c) => c === 'teamId' || c === 'assigneeId' || c === 'status')) return;
    const teamId = notice.teamId;
    if (this.pending.has(teamId)) return;
    this.pending.set(teamId, setTimeout(() => {
      this.pending.delete(teamId);
      this.assignment.assignTeam(teamId).catch((error) => this.logger.warn(`assigning team ${teamId} failed: ${error.message}`));
    }, DEBOUNCE_MS));
  }
}
