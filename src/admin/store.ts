/**
 * The admin page's state in signals, and the actions that change it: the saved rules, the draft
 * (edited in the form or as raw JSON), which field to focus, the analysis of the draft and saving.
 */
import { batch, computed, effect, signal } from '@preact/signals';
import type { AdminApiClient, OrphanedBookings, RulesConflict } from '../api/types.ts';
import type { Diagnostic } from '../engine/types.ts';
import type { AdminSlotClient } from '../worker/client/admin-client.ts';
import { type Analysis, createAnalysis } from './analysis.ts';
import type { Draft } from './edits.ts';
import { fromPointer } from './pointer.ts';
import { isEditable } from './read.ts';

export type EditorTab = 'hours' | 'types' | 'raw';

export interface SaveState {
  /**
   * `conflict`: a newer version was saved since the draft's base (412); `orphans`: upcoming
   * bookings would lose their type or provider (409); `signed-out`: the session ended (401).
   */
  status: 'idle' | 'saving' | 'saved' | 'refused' | 'failed' | 'conflict' | 'orphans' | 'signed-out';
  message: string;
  /** The server's findings when it refused the draft. */
  errors: Diagnostic[];
  conflict?: RulesConflict;
  orphans?: OrphanedBookings[];
}

/** How to save: over a newer version the admin has seen (`overwrite`), keeping orphaned bookings as busy time. */
export interface SaveChoice {
  overwrite?: RulesConflict;
  keepOrphans?: boolean;
}

export interface AdminDeps {
  client: AdminSlotClient;
  api: (Pick<AdminApiClient, 'saveRules'> & Partial<Pick<AdminApiClient, 'fetchBusy'>>) | null;
  now: () => number;
  debounceMs?: number;
  deadlineMs?: number;
  /** The stored ETag (`rulesEtag`) of the version the saved rules are: sent as `If-Match`. */
  baseEtag?: string | null;
  /** Called when a save finds the session ended (401); the draft stays. */
  onSignedOut?: () => void;
}

/** Pretty JSON for the raw tab. */
export function pretty(doc: unknown): string {
  return JSON.stringify(doc, null, 2) ?? '';
}

export function createAdminStore(initialSaved: unknown, deps: AdminDeps) {
  const saved = signal<unknown>(initialSaved);
  const draft = signal<Draft>(initialSaved);
  const rawText = signal(pretty(initialSaved));
  const rawError = signal<string | null>(null);
  const tab = signal<EditorTab>('hours');
  const providerIndex = signal(0);
  const typeIndex = signal(0);
  /** A field to focus after the next render; `seq` makes the same path focusable twice. */
  const focusRequest = signal<{ path: string; seq: number } | null>(null);
  const save = signal<SaveState>({ status: 'idle', message: '', errors: [] });
  const baseEtag = signal<string | null>(deps.baseEtag ?? null);
  const analysis: Analysis = createAnalysis({
    client: deps.client,
    now: deps.now,
    ...(deps.debounceMs === undefined ? {} : { debounceMs: deps.debounceMs }),
    ...(deps.deadlineMs === undefined ? {} : { deadlineMs: deps.deadlineMs }),
    busyWindow: async (month, signal) => {
      const result = await deps.api?.fetchBusy?.(month, signal);
      return result?.ok ? result.value.window : null;
    },
  });
  /**
   * Unsaved changes: a draft typed back to the saved rules is not a change; raw JSON that does
   * not parse is one (the draft has not followed it yet, but the text differs from the saved).
   */
  const dirty = computed(
    () =>
      rawError.value !== null || (draft.value !== saved.value && pretty(draft.value) !== pretty(saved.value)),
  );
  /** Paths of the draft's errors (fields to mark invalid). */
  const errorPaths = computed(() => {
    const lint = analysis.state.value.lint;
    return new Set(lint && !lint.ok ? lint.errors.map((error) => error.path) : []);
  });
  /** Whether an error points at this field or at the span or entry holding it. */
  const isInvalid = (path: string): boolean =>
    errorPaths.value.has(path) || errorPaths.value.has(path.slice(0, path.lastIndexOf('/')));
  const stopAnalysis = effect(() => analysis.request(saved.value, draft.value));

  /** Applies a form edit: the raw text follows the draft. */
  function edit(change: (current: Draft) => Draft): void {
    batch(() => {
      draft.value = change(draft.value);
      rawText.value = pretty(draft.value);
      rawError.value = null;
      if (save.value.status !== 'saving') save.value = { status: 'idle', message: '', errors: [] };
    });
  }

  /** Applies raw JSON text: the draft follows when the text parses. */
  function setRawText(text: string): void {
    batch(() => {
      rawText.value = text;
      try {
        draft.value = JSON.parse(text);
        rawError.value = null;
      } catch (error) {
        rawError.value = (error as Error).message;
      }
    });
  }

  /** Shows the field at `path`: the tab and provider or type that hold it, then focus. */
  function focusPath(path: string): void {
    const [head, index] = fromPointer(path);
    batch(() => {
      const formTab: EditorTab | null =
        head === 'providers' || head === 'closures' ? 'hours' : head === 'appointmentTypes' ? 'types' : null;
      tab.value = formTab && !rawError.value && isEditable(draft.value) ? formTab : 'raw';
      if (head === 'providers' && index !== undefined) providerIndex.value = Number(index);
      if (head === 'appointmentTypes' && index !== undefined) typeIndex.value = Number(index);
      focusRequest.value = { path, seq: (focusRequest.value?.seq ?? 0) + 1 };
    });
  }

  function discardDraft(): void {
    batch(() => {
      draft.value = saved.value;
      rawText.value = pretty(saved.value);
      rawError.value = null;
    });
  }

  /** Makes `doc` the saved rules and the draft (a newer version taken over, a restore). */
  function resetTo(doc: unknown, etag: string | null): void {
    batch(() => {
      saved.value = doc;
      baseEtag.value = etag;
      discardDraft();
      save.value = { status: 'idle', message: '', errors: [] };
    });
  }

  async function saveDraft(choice: SaveChoice = {}): Promise<void> {
    if (!deps.api || save.value.status === 'saving') return;
    const sent = draft.value;
    // Overwriting knowingly: the newer version the admin has seen becomes the draft's base.
    if (choice.overwrite) baseEtag.value = choice.overwrite.etag;
    save.value = { status: 'saving', message: 'Saving…', errors: [] };
    const result = await deps.api.saveRules(sent, {
      ifMatch: baseEtag.value,
      keepOrphans: choice.keepOrphans === true,
    });
    if (result.ok) {
      batch(() => {
        saved.value = sent;
        baseEtag.value = result.value.rulesEtag;
        save.value = { status: 'saved', message: 'Saved. Patients now see these hours.', errors: [] };
      });
      return;
    }
    const { conflict, orphans, status } = result.error;
    if (status === 401) {
      const message = 'Your session has ended: sign in again to save. Your draft is kept.';
      save.value = { status: 'signed-out', message, errors: [] };
      deps.onSignedOut?.();
      return;
    }
    if (conflict) {
      save.value = { status: 'conflict', message: result.error.message, errors: [], conflict };
      return;
    }
    if (orphans) {
      save.value = { status: 'orphans', message: result.error.message, errors: [], orphans };
      return;
    }
    const errors = Object.entries(result.error.fieldErrors ?? {}).map(([path, code]) => ({
      code,
      path,
      message: code,
    }));
    save.value = {
      status: result.error.status === 422 ? 'refused' : 'failed',
      message: result.error.message,
      errors,
    };
  }

  return {
    /** The page's clock (the FHIR import leaves out busy time that has ended). */
    now: deps.now,
    saved,
    draft,
    rawText,
    rawError,
    tab,
    providerIndex,
    typeIndex,
    focusRequest,
    save,
    baseEtag,
    dirty,
    isInvalid,
    analysis: analysis.state,
    edit,
    setRawText,
    focusPath,
    discardDraft,
    resetTo,
    saveDraft,
    dispose(): void {
      stopAnalysis();
      analysis.dispose();
    },
  };
}

export type AdminStore = ReturnType<typeof createAdminStore>;
