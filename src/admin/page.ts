/**
 * The admin page as a whole, in signals: the session, then the editor's store once the rules are
 * loaded, the rules history, the bookings list, one's own password and, for administrators, the
 * staff accounts. A session that ends mid-edit keeps the store (and so the draft); signing out
 * drops it, the patients' details with it.
 */
import { batch, effect, signal } from '@preact/signals';
import type { AdminApiClient, RulesConflict } from '../api/types.ts';
import type { AdminSlotClient } from '../worker/client/admin-client.ts';
import { clinicZone } from './analysis.ts';
import { loadBase, withBookingBusy } from './base.ts';
import { createBookings } from './bookings.ts';
import { createFreeTimes } from './free-times.ts';
import { createHistory } from './history.ts';
import { createOwnPassword } from './own-password.ts';
import { createSession } from './session.ts';
import { createStaffAccounts } from './staff-accounts.ts';
import { type AdminStore, createAdminStore } from './store.ts';

export interface AdminPageDeps {
  api: AdminApiClient;
  client: AdminSlotClient;
  now: () => number;
  debounceMs?: number;
  deadlineMs?: number;
}

export interface LoadState {
  status: 'idle' | 'loading' | 'failed';
  message: string;
}

export function createAdminPage(deps: AdminPageDeps) {
  const session = createSession(deps.api);
  const store = signal<AdminStore | null>(null);
  const load = signal<LoadState>({ status: 'idle', message: '' });
  /** The bookings the served rules carry as busy time, laid over a newer version to compare it. */
  const bookingBusy = signal<unknown[]>([]);
  const history = createHistory({
    api: deps.api,
    onSignedOut: session.expire,
    onRestored: () => reloadBase(),
  });
  const bookings = createBookings({
    api: deps.api,
    freeTimes: createFreeTimes({
      client: deps.client,
      api: deps.api,
      rules: () => store.peek()?.saved.peek(),
      now: deps.now,
    }),
    now: deps.now,
    onSignedOut: session.expire,
  });
  const staffAccounts = createStaffAccounts({ api: deps.api, onSignedOut: session.expire });
  const ownPassword = createOwnPassword({ api: deps.api, onSignedOut: session.expire });
  /** The lists of the signed-in staff member: the accounts only for an administrator. */
  const loadLists = () => {
    void history.load();
    void bookings.load(zone());
    if (session.isAdmin.peek()) void staffAccounts.load();
  };

  const zone = () => clinicZone(store.peek()?.saved.peek());
  // A save made a new version: the history lists it.
  const stopHistoryReload = effect(() => {
    if (store.value?.save.value.status === 'saved') void history.load();
  });

  async function start(): Promise<void> {
    await session.check();
    if (session.status.peek() === 'signed-in') await openEditor();
  }

  async function openEditor(): Promise<void> {
    load.value = { status: 'loading', message: '' };
    const base = await loadBase(deps.api);
    if (!base.ok) {
      if (base.error.status === 401) {
        batch(() => {
          session.status.value = 'signed-out';
          load.value = { status: 'idle', message: '' };
        });
        return;
      }
      load.value = {
        status: 'failed',
        message: `The saved rules could not be loaded: ${base.error.message}`,
      };
      return;
    }
    batch(() => {
      bookingBusy.value = base.value.bookingBusy;
      store.value = createAdminStore(base.value.served, {
        client: deps.client,
        api: deps.api,
        now: deps.now,
        baseEtag: base.value.version?.etag ?? null,
        onSignedOut: session.expire,
        ...(deps.debounceMs === undefined ? {} : { debounceMs: deps.debounceMs }),
        ...(deps.deadlineMs === undefined ? {} : { deadlineMs: deps.deadlineMs }),
      });
      load.value = { status: 'idle', message: '' };
    });
    loadLists();
  }

  /** Reads the saved rules again (after a restore): the editor starts over from them. */
  async function reloadBase(): Promise<void> {
    const base = await loadBase(deps.api);
    const current = store.peek();
    if (!base.ok || !current) return;
    batch(() => {
      bookingBusy.value = base.value.bookingBusy;
      current.resetTo(base.value.served, base.value.version?.etag ?? null);
    });
  }

  async function signIn(email: string, password: string): Promise<void> {
    if (!(await session.signIn(email, password))) return;
    if (!store.peek()) {
      await openEditor();
      return;
    }
    // Signed in again over a kept draft: the lists may have changed meanwhile.
    loadLists();
  }

  async function signOut(): Promise<void> {
    await session.signOut();
    batch(() => {
      store.peek()?.dispose();
      store.value = null;
      bookings.clear();
      staffAccounts.clear();
      ownPassword.clear();
    });
  }

  /** Drops the draft for the newer version a save ran into. */
  function takeOver(conflict: RulesConflict): void {
    store.peek()?.resetTo(withBookingBusy(conflict.document, bookingBusy.peek()), conflict.etag);
  }

  return {
    session,
    store,
    load,
    bookingBusy,
    history,
    bookings,
    staffAccounts,
    ownPassword,
    start,
    openEditor,
    signIn,
    signOut,
    takeOver,
    reloadBase,
    dispose(): void {
      stopHistoryReload();
      store.peek()?.dispose();
    },
  };
}

export type AdminPage = ReturnType<typeof createAdminPage>;
