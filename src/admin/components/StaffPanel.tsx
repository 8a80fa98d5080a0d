/**
 * The clinic's staff accounts, for administrators: who can sign in and with which role, adding an
 * account with its first password, changing an account's role, setting a new password for one
 * (to hand over in person) and removing one after a confirmation. One's own account has none of
 * these (another administrator changes or removes it; one's own password is "Your password").
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffMember } from '../../api/types.ts';
import { clinicTime } from '../format.ts';
import type { StaffAccounts } from '../staff-accounts.ts';
import { NewPasswordField } from './NewPasswordField.tsx';

const ROLE_NAMES: Record<StaffMember['role'], string> = { admin: 'Administrator', staff: 'Staff' };

function AddAccount({ accounts }: { accounts: StaffAccounts }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<StaffMember['role']>('staff');
  return (
    <form
      aria-labelledby="cs-admin-add-staff"
      onSubmit={(event) => {
        event.preventDefault();
        void accounts.add({ email: email.trim(), password, role }).then((added) => {
          if (!added) return;
          setEmail('');
          setPassword('');
        });
      }}
    >
      <h3 id="cs-admin-add-staff">Add an account</h3>
      <div class="cs-admin-actions">
        <label class="cs-admin-field">
          <span>Email</span>
          <input
            type="email"
            name="staff-email"
            autocomplete="off"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </label>
        <label class="cs-admin-field">
          <span>Role</span>
          <select
            name="staff-role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as StaffMember['role'])}
          >
            <option value="staff">Staff: sees the rules and the bookings</option>
            <option value="admin">Administrator: also changes the rules and the accounts</option>
          </select>
        </label>
        <NewPasswordField
          label="First password"
          name="staff-password"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <button type="submit" class="cs-admin-primary" disabled={accounts.busy.value}>
          Add the account
        </button>
      </div>
    </form>
  );
}

/** A new password for `member`, in their row; closed and emptied once it is set. */
function NewPasswordForm({
  member,
  accounts,
  close,
}: {
  member: StaffMember;
  accounts: StaffAccounts;
  close: () => void;
}) {
  const [password, setPassword] = useState('');
  // The notice that refused this form's password: marked while it is the one shown.
  const [refusal, setRefusal] = useState<StaffAccounts['notice']['value']>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const invalid = refusal?.field === 'password' && accounts.notice.value === refusal;
  return (
    <form
      class="cs-admin-actions"
      aria-label={`New password for ${member.email}`}
      onSubmit={(event) => {
        event.preventDefault();
        void accounts.setPassword(member, password).then((set) => {
          setRefusal(set ? null : accounts.notice.peek());
          if (!set) return;
          setPassword('');
          close();
        });
      }}
    >
      <NewPasswordField
        label="New password"
        labelEnd={<span class="cs-admin-sr"> for {member.email}</span>}
        inputRef={input}
        name="member-password"
        value={password}
        onInput={(event) => {
          setPassword(event.currentTarget.value);
          setRefusal(null);
        }}
        {...(invalid ? { 'aria-invalid': true, 'aria-describedby': 'cs-admin-staff-notice' } : {})}
      />
      <button
        type="submit"
        class="cs-admin-primary"
        disabled={accounts.busy.value}
        aria-label={`Set the password for ${member.email}`}
      >
        Set the password
      </button>
      <button type="button" onClick={close} aria-label={`Cancel the new password for ${member.email}`}>
        Cancel
      </button>
    </form>
  );
}

function MemberRow({
  member,
  own,
  accounts,
  zone,
}: {
  member: StaffMember;
  own: boolean;
  accounts: StaffAccounts;
  zone: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [settingPassword, setSettingPassword] = useState(false);
  let password = <span class="cs-admin-muted">Change yours with “Your password” at the top</span>;
  if (!own && !settingPassword) {
    password = (
      <button
        type="button"
        onClick={() => setSettingPassword(true)}
        aria-label={`Set a new password for ${member.email}`}
      >
        Set a new password
      </button>
    );
  }
  if (!own && settingPassword) {
    password = (
      <NewPasswordForm member={member} accounts={accounts} close={() => setSettingPassword(false)} />
    );
  }
  let action = own ? <span class="cs-admin-muted">You</span> : null;
  if (!own && !confirming) {
    action = (
      <button type="button" onClick={() => setConfirming(true)} aria-label={`Remove ${member.email}`}>
        Remove
      </button>
    );
  }
  if (!own && confirming) {
    action = (
      <span class="cs-admin-actions">
        <button
          type="button"
          class="cs-admin-danger"
          disabled={accounts.busy.value}
          onClick={() => void accounts.remove(member)}
        >
          Remove {member.email}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          Keep
        </button>
      </span>
    );
  }
  const other = member.role === 'admin' ? 'staff' : 'admin';
  const makeOther = other === 'admin' ? 'Make administrator' : 'Make staff';
  return (
    <tr>
      <td>{member.email}</td>
      <td>
        <span>{ROLE_NAMES[member.role]}</span>
        {!own && (
          <>
            {' '}
            <button
              type="button"
              disabled={accounts.busy.value}
              onClick={() => void accounts.setRole(member, other)}
              // The visible words first in the name (a speech user says what they see).
              aria-label={`${makeOther}: ${member.email}`}
            >
              {makeOther}
            </button>
          </>
        )}
      </td>
      <td>{clinicTime(member.createdAt, zone)}</td>
      <td>{password}</td>
      <td>{action}</td>
    </tr>
  );
}

export function StaffPanel({
  accounts,
  ownId,
  zone,
}: {
  accounts: StaffAccounts;
  ownId: string | undefined;
  zone: string;
}) {
  const status = accounts.status.value;
  const notice = accounts.notice.value;
  const list = accounts.members.value;
  return (
    <section
      class="cs-admin-panel cs-admin-wide"
      aria-labelledby="cs-admin-staff-title"
      aria-busy={status === 'loading' || accounts.busy.value}
    >
      <h2 id="cs-admin-staff-title">Staff accounts</h2>
      {status === 'loading' && list.length === 0 && <p class="cs-admin-status">Loading the accounts…</p>}
      {list.length > 0 && (
        <table class="cs-admin-table" data-testid="staff-accounts">
          <caption>Who can sign in to this page</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Added</th>
              <th scope="col">Password</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {list.map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                own={member.id === ownId}
                accounts={accounts}
                zone={zone}
              />
            ))}
          </tbody>
        </table>
      )}
      <p
        id="cs-admin-staff-notice"
        class={notice?.kind === 'error' ? 'cs-admin-error' : 'cs-admin-status'}
        role="status"
      >
        {notice?.text ?? ''}
      </p>
      <AddAccount accounts={accounts} />
    </section>
  );
}
