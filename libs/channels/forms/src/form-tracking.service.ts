import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@inbox/core';
import { ComplaintCasesService } from '@inbox/complaints';

export type TrackedStatus = 'received' | 'in_progress' | 'pending' | 'resolved' | 'closed';

/** What /track shows: where the request stands, never what anyone wrote about it. */
export interface TrackedRequest {
  reference: string | null;
  status: TrackedStatus;
  submittedAt: Date;
  updatedAt: Date | null;
  /** A complaint's closure notice (its locked, allow-listed template), once closed. */
  notice: string | null;
  /** The organization's zone, to show the dates as its people read them. */
  timeZone: string;
}

const FROM_TICKET: Record<string, TrackedStatus> = { new: 'received', open: 'in_progress', pending: 'pending', resolved: 'resolved', closed: 'closed' };

/**
 * Status by tracking code, without logging in. A form submission's own code
 * and a complaint case's code both work; a complaint is answered by the
 * complaint flow's own tracking (reference, open or closed, closure notice).
 */
@Injectable()
export class FormTrackingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly complaints: ComplaintCasesService) {}

  async track(rawCode: string): Promise<TrackedRequest> {
    const code = rawCode.trim().toUpperCase().replace(/[\s-]/g, '');
    if (!/^[A-Z0-9]{6,32}$/.test(code)) throw new NotFoundError('tracking code');
    const [row] = await this.dataSource.query(
      `SELECT s.created_at, t.reference, t.status, t.updated_at, t.confidential, c.tracking_code AS case_code, o.time_zone
       FROM form_submissions s JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN tickets t ON t.id = s.ticket_id LEFT JOIN complaint_cases c ON c.ticket_id = t.id
       WHERE s.tracking_code = $1
       UNION ALL
       SELECT NULL, NULL, NULL, NULL, true, c.tracking_code, o.time_zone
       FROM complaint_cases c JOIN organizations o ON o.id = c.organization_id WHERE c.tracking_code = $1
       LIMIT 1`,
      [code],
    );
    if (!row) throw new NotFoundError('tracking code');
    // A submission not yet in the ticket stream has no ticket: received, whatever its form.
    if (!row.confidential) {
      return {
        reference: row.reference, status: row.status ? FROM_TICKET[row.status] ?? 'in_progress' : 'received', submittedAt: row.created_at,
        updatedAt: row.updated_at ?? null, notice: null, timeZone: row.time_zone,
      };
    }
    try {
      const complaint = await this.complaints.track(row.case_code);
      return {
        reference: complaint.reference, status: complaint.status === 'closed' ? 'closed' : 'in_progress', submittedAt: complaint.openedAt,
        updatedAt: complaint.closedAt, notice: complaint.notice, timeZone: row.time_zone,
      };
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('tracking code');
      throw error;
    }
  }
}
