/**
 * How the server tells patients about their bookings. The transport gets the manage token at the
 * moment of sending: from the request that created or changed the booking, or, for a retry, from
 * the outbox row that keeps it sealed (outbox.ts). Without a transport the server sends nothing
 * (and says so in its answers).
 *
 * An earlier-slot offer (`kind: 'offer'`) goes to a patient whose manage token the server does not
 * have: it carries the offer's own token instead, and `manageToken` is empty.
 */
import type { StoredBooking } from '../store/bookings.ts';

/** The earlier time an offer message proposes, and the token of the link that takes it. */
export interface OfferedTime {
  token: string;
  providerId: string;
  start: number;
  end: number;
  mode: 'in-person' | 'video';
  locationId?: string;
}

export interface PatientMessage {
  kind: 'booked' | 'rescheduled' | 'cancelled' | 'clinic-cancelled' | 'clinic-moved' | 'offer' | 'reminder';
  clinicId: string;
  booking: StoredBooking;
  manageToken: string;
  /** The rules the booking was checked with, to name the visit, provider and place. */
  rules: unknown;
  at: number;
  /** The message's outbox row, where its sends are recorded (see outbox.ts). */
  outboxId?: string;
  /** Only on `kind: 'offer'`. */
  offer?: OfferedTime;
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

  /** The latest message of a clinic about a booking made, moved, cancelled or coming up (not an offer), or null. */
  latest(clinicId: string): PatientMessage | null {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const message = this.messages[i];
      if (message?.clinicId === clinicId && message.kind !== 'offer') return message;
    }
    return null;
  }

  /** The earlier-slot offers held for a clinic, oldest first. */
  offers(clinicId: string): PatientMessage[] {
    return this.messages.filter((message) => message.clinicId === clinicId && message.kind === 'offer');
  }
}
