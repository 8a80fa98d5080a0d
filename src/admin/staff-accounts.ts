/**
 * The clinic's staff accounts in signals, for administrators: the list, adding an account with
 * its first password (which the administrator hands over; it is never shown again or kept on the
 * page), changing an account's role, setting a new password for a forgotten one and removing one
 * (both end the account's sessions). A staff member's page never loads them.
 */
import { batch, signal } from '@preact/signals';
import type {
  AdminApiClient,
  AdminApiError,
  AdminResult,
  NewStaffMember,
  StaffMember,
} from '../api/types.ts';

export interface StaffAccountsDeps {
  api: Pick<AdminApiClient, 'listStaff' | 'addStaff' | 'setStaffRole' | 'setStaffPassword' | 'removeStaff'>;
  onSignedOut: () => void;
}

export function createStaffAccounts(deps: StaffAccountsDeps) {
  const members = signal<StaffMember[]>([]);
  const status = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  /**
   * The outcome of the last change, worded for the screen (an error, or what was done); `field`
   * is the request field the server refused, for the form to mark.
   */
  const notice = signal<{ kind: 'error' | 'done'; text: string; field?: string } | null>(null);
  const busy = signal(false);

  function refused(error: AdminApiError, what: string): void {
    if (error.status === 401) deps.onSignedOut();
    const [field] = Object.keys(error.fieldErrors ?? {});
    notice.value = { kind: 'error', text: `${what}: ${error.message}`, ...(field ? { field } : {}) };
  }

  async function load(): Promise<void> {
    status.value = 'loading';
    const result = await deps.api.listStaff();
    batch(() => {
      if (result.ok) {
        members.value = result.value;
        status.value = 'ready';
        return;
      }
      members.value = [];
      status.value = 'failed';
      refused(result.error, 'The staff accounts could not be loaded');
    });
  }

  /**
   * One change to the accounts, one at a time (none while another is under way): `send` asks the
   * server; a refusal is said after `failed`, a success is applied by `done`, which words it.
   * True when it was made (a form then clears its password).
   */
  async function change<T>(
    send: () => Promise<AdminResult<T>>,
    failed: string,
    done: (value: T) => string,
  ): Promise<boolean> {
    if (busy.peek()) return false;
    busy.value = true;
    notice.value = null;
    const result = await send();
    batch(() => {
      busy.value = false;
      if (result.ok) notice.value = { kind: 'done', text: done(result.value) };
      else refused(result.error, failed);
    });
    return result.ok;
  }

  /** Adds the account; true when it was added. */
  const add = (member: NewStaffMember) =>
    change(
      () => deps.api.addStaff(member),
      'The account was not added',
      (added) => {
        members.value = [...members.peek(), added].sort((a, b) => a.email.localeCompare(b.email));
        return `Added ${added.email} (${added.role === 'admin' ? 'administrator' : 'staff'}). Give them the password in person; it is not shown again.`;
      },
    );

  const setRole = (member: StaffMember, role: StaffMember['role']) =>
    change(
      () => deps.api.setStaffRole(member.id, role),
      `${member.email}'s role was not changed`,
      (changed) => {
        members.value = members.peek().map((m) => (m.id === changed.id ? changed : m));
        return `${changed.email} is ${changed.role === 'admin' ? 'an administrator' : 'staff'} now.`;
      },
    );

  /** Sets `member`'s password, ending their sessions; true when it was set. */
  const setPassword = (member: StaffMember, password: string) =>
    change(
      () => deps.api.setStaffPassword(member.id, password),
      `${member.email}'s password was not changed`,
      (changed) =>
        `New password set for ${changed.email}: their sessions have ended. Give it to them in person; it is not shown again.`,
    );

  const remove = (member: StaffMember) =>
    change(
      () => deps.api.removeStaff(member.id),
      `${member.email} was not removed`,
      () => {
        members.value = members.peek().filter((m) => m.id !== member.id);
        return `Removed ${member.email}: their sessions have ended.`;
      },
    );

  /** Forgets the list (on sign-out). */
  function clear(): void {
    batch(() => {
      members.value = [];
      status.value = 'idle';
      notice.value = null;
    });
  }

  return { members, status, notice, busy, load, add, setRole, setPassword, remove, clear };
}

export type StaffAccounts = ReturnType<typeof createStaffAccounts>;
