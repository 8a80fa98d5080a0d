/**
 * The admin page's shell: checking the session, the sign-in, loading the rules, then the editor
 * (read-only for staff) with the history and the bookings below it.
 */
import type { AdminSlotClient } from '../../worker/client/admin-client.ts';
import { clinicZone } from '../analysis.ts';
import type { AdminPage as Page } from '../page.ts';
import { asRecord } from '../read.ts';
import type { SchemaCheck } from '../schema-check.ts';
import { App } from './App.tsx';
import { BookingsPanel } from './BookingsPanel.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { OwnPasswordPanel } from './OwnPassword.tsx';
import type { MountPreview } from './Preview.tsx';
import { SaveProblems } from './SaveProblems.tsx';
import { AccountBar, SignInAgain, SignInPage } from './SignIn.tsx';
import { StaffPanel } from './StaffPanel.tsx';

export interface AdminPageProps {
  page: Page;
  client: AdminSlotClient;
  now: () => number;
  schemaCheck: SchemaCheck | null;
  mountPreview: MountPreview;
}

function Waiting({ text }: { text: string }) {
  return (
    <main class="cs-admin-loading">
      <p role="status">{text}</p>
    </main>
  );
}

function Failed({ message, retry }: { message: string; retry: () => void }) {
  return (
    <main class="cs-admin-loading">
      <p class="cs-admin-error" role="alert">
        {message}
      </p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </main>
  );
}

export function AdminPage({ page, client, now, schemaCheck, mountPreview }: AdminPageProps) {
  const { session } = page;
  const status = session.status.value;
  const store = page.store.value;
  if (status === 'checking') return <Waiting text="Checking your sign-in…" />;
  if (status === 'unreachable')
    return <Failed message={session.error.value} retry={() => void page.start()} />;
  if (!store) {
    if (status === 'signed-out') return <SignInPage page={page} />;
    const load = page.load.value;
    if (load.status === 'failed')
      return <Failed message={load.message} retry={() => void page.openEditor()} />;
    return <Waiting text="Loading the clinic's rules…" />;
  }
  const saved = store.saved.value;
  const zone = clinicZone(saved);
  const name = asRecord(asRecord(saved).clinic).name;
  const isAdmin = session.isAdmin.value;
  return (
    <App
      store={store}
      schemaCheck={schemaCheck}
      mountPreview={mountPreview}
      clinicName={typeof name === 'string' ? name : 'Clinic'}
      readOnly={!isAdmin}
      account={<AccountBar page={page} />}
      top={
        <>
          {session.expired.value && <SignInAgain page={page} />}
          <OwnPasswordPanel state={page.ownPassword} email={session.staff.value?.email ?? ''} />
          <SaveProblems page={page} store={store} client={client} now={now} />
        </>
      }
      bottom={
        <>
          <HistoryPanel
            history={page.history}
            client={client}
            now={now}
            zone={zone}
            canRestore={isAdmin}
            dirty={store.dirty.value}
          />
          <BookingsPanel bookings={page.bookings} rules={saved} zone={zone} />
          {isAdmin && (
            <StaffPanel accounts={page.staffAccounts} ownId={page.session.staff.value?.id} zone={zone} />
          )}
        </>
      }
    />
  );
}
