/**
 * How the server tells patients about their bookings. The transport gets the manage token at the
 * moment of sending: from the request that created or changed the booking, or, for a retry, from
 * the outbox row that keeps it sealed (outbox.ts). Without a transport the server sends nothing
 * (and says so in its answers).
 */
import type { StoredBooking } from '../store/bookings.ts';

export interface PatientMessage {
  kind: 'booked' | 'rescheduled' | 'cancelled';
  clinicId: string;
  booking: StoredBooking;
  manageToken: string;
  /** The rules the booking was checked with, to name the visit, provider and place. */
  rules: unknown;
  at: number;
  /** The message's outbox row, where its sends are recorded (see outbox.ts). */
  outboxId?: string;
}

export interface MessageTransport {
  send(message: PatientMessage): Promise<void>;
}

/**
 * The demo's transport: the latest messages in this process's memory, for the sample reminder
 * email page. Nothing reaches a disk.
 */
export class MemoryOutbox implements MessageTransport {
  private readonly messages: PatientMessage[] = [];

  constructor(private readonly keep = 20) {}

  async send(message: PatientMessage): Promise<void> {
    this.messages.push(message);
    if (this.messages.length > this.keep) this.messages.splice(0, this.messages.length - this.keep);
  }

  /** The latest message of a clinic, or null. */
  latest(clinicId: string): PatientMessage | null {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const message = this.messages[i];
      if (message?.clinicId === clinicId) return message;
    }
    return null;
  }
}
