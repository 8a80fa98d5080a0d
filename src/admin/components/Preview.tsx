/**
 * The patient's view of the draft: the `<clinic-scheduler>` element in preview mode (booking
 * disabled, nothing fetched). It recomputes on its own, debounced and superseding, in its own
 * worker lane, so a slow draft never blocks the editor.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { TOO_SLOW_MESSAGE } from '../analysis.ts';
import type { AdminStore } from '../store.ts';

export interface PreviewMount {
  setRules(rules: unknown): void;
  update(options: { displayTimezone?: string }): void;
  destroy(): void;
}

/** Mounts the preview widget in `el` (the embed's `ClinicScheduler.preview`; a fake in tests). */
export type MountPreview = (el: HTMLElement, rules: unknown) => PreviewMount;

/** What the admin is told when the preview cannot show times (the widget's `cs-error` code). */
function previewProblem(code: string | undefined): string {
  if (code === 'TIMEOUT' || code === 'RULES_UNCOMPUTABLE') return TOO_SLOW_MESSAGE;
  if (code === 'INVALID_RULES') return 'The draft has errors (see Diagnostics).';
  return 'The times could not be computed.';
}

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const OTHER_ZONES = [
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Tokyo',
];

export function Preview({ store, mountPreview }: { store: AdminStore; mountPreview: MountPreview }) {
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<PreviewMount | null>(null);
  const [problem, setProblem] = useState('');
  const [zone, setZone] = useState('');
  const draft = store.draft.value;
  const clinicZone =
    typeof (draft as { timezone?: unknown } | null)?.timezone === 'string'
      ? String((draft as { timezone: string }).timezone)
      : '';

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    handle.current = mountPreview(el, store.draft.peek());
    const onError = (event: Event) =>
      setProblem(previewProblem((event as CustomEvent<{ code?: string }>).detail?.code));
    const onReady = () => setProblem('');
    el.addEventListener('cs-error', onError);
    el.addEventListener('cs-slots-loaded', onReady);
    return () => {
      el.removeEventListener('cs-error', onError);
      el.removeEventListener('cs-slots-loaded', onReady);
      handle.current?.destroy();
      handle.current = null;
    };
  }, [mountPreview, store]);

  useEffect(() => {
    handle.current?.setRules(draft);
  }, [draft]);

  useEffect(() => {
    handle.current?.update({ displayTimezone: zone || undefined });
  }, [zone]);

  const zones = [...new Set([clinicZone, browserZone(), ...OTHER_ZONES].filter(Boolean))];
  return (
    <section class="cs-admin-panel cs-admin-preview" aria-labelledby="cs-admin-preview-title">
      <h2 id="cs-admin-preview-title">Live preview</h2>
      <p class="cs-admin-help">What patients see with this draft. Booking is disabled here.</p>
      <label class="cs-admin-field">
        <span>Show times in</span>
        <select value={zone} onChange={(event) => setZone(event.currentTarget.value)}>
          <option value="">The patient's own zone</option>
          {zones.map((name) => (
            <option key={name} value={name}>
              {name}
              {name === clinicZone ? ' (clinic)' : ''}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <p class="cs-admin-error" role="status">
          Preview: {problem}
        </p>
      )}
      <div ref={host} class="cs-admin-preview-host" />
    </section>
  );
}
