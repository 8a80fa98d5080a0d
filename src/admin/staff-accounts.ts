/**
 * The clinic's staff accounts in signals, for administrators: the list, adding an account with
 * its first password (which the administrator hands over; it is never shown again or kept on the
 * page), changing an account's role, setting a new password for a forgotten one and removing one
 * (both end the account's sessions). A staff member's page never loads them.
 */
import { batch, signal } from '@preact/signals';
import type { AdminApiClient, AdminApiError, NewStaffMember, StaffMember } from '../api/types.ts';

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

  /** Adds the account; true when it was added (the form then clears its password). */
  async function add(member: NewStaffMember): Promise<boolean> {
    if (busy.peek()) return false;
    busy.value = true;
    notice.value = null;
    const result = await deps.api.addStaff(member);
    batch(() => {
      busy.value = false;
      if (!result.ok) {
        refused(result.error, 'The account was not added');
        return;
      }
      const added = result.value;
      members.value = [...members.peek(), added].sort((a, b) => a.email.localeCompare(b.email));
      notice.value = {
        kind: 'done',
        text: `Added ${added.email} (${added.role === 'admin' ? 'administrator' : 'staff'}). Give them the password in person; it is not shown again.`,
      };
    });
    return result.ok;
  }

  async function setRole(member: StaffMember, role: StaffMember['role']): Promise<void> {
    if (busy.peek()) return;
    busy.value = true;
    notice.value = null;
    const result = await deps.api.setStaffRole(member.id, role);
    batch(() => {
      busy.value = false;
      if (!result.ok) {
        refused(result.error, `${member.email}'s role was not changed`);
        return;
      }
      const changed = result.value;
      members.value = members.peek().map((m) => (m.id === changed.id ? changed : m));
      notice.value = {
        kind: 'done',
        text: `${changed.email} is ${changed.role === 'admin' ? 'an administrator' : 'staff'} now.`,
      };
    });
  }

  /** Sets `member`'s password, ending their sessions; true when it was set (the form then clears). */
  async function setPassword(member: StaffMember, password: string): Promise<boolean> {
    if (busy.peek()) return false;
    busy.value = true;
    notice.value = null;
    const result = await deps.api.setStaffPassword(member.id, password);
    batch(() => {
      busy.value = false;
      if (!result.ok) {
        refused(result.error, `${member.email}'s password was not changed`);
        return;
      }
      notice.value = {
        kind: 'done',
        text: `New password set for ${result.value.email}: their sessions have ended. Give it to them in person; it is not shown again.`,
      };
    });
    return result.ok;
  }

  async function remove(member: StaffMember): Promise<void> {
    if (busy.peek()) return;
    busy.value = true;
    notice.value = null;
    const result = await deps.api.removeStaff(member.id);
    batch(() => {
      busy.value = false;
      if (!result.ok) {
        refused(result.error, `${member.email} was not removed`);
        return;
      }
      members.value = members.peek().filter((m) => m.id !== member.id);
      notice.value = { kind: 'done', text: `Removed ${member.email}: their sessions have ended.` };
    });
  }

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
