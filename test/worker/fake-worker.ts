/**
 * A Worker stand-in for unit tests: it answers with the real `handleMessage` (and, unless told
 * otherwise, the admin worker's engine, so every request kind is answered) after `replyAfterMs`
 * (fake timers drive it), or hangs, or fails when told to. It records what it received and keeps
 * every listener ever added, so a test can deliver a message "late", after `terminate()`.
 */

import type { WorkerLike } from '../../src/worker/client/worker-source.ts';
import { adminEngine } from '../../src/worker/inside/admin-engine.ts';
import { handleMessage, type WorkerEngine } from '../../src/worker/inside/handle-message.ts';
import { RulesStore } from '../../src/worker/inside/rules-store.ts';

type EventType = 'message' | 'error' | 'messageerror';
type Listener = (event: Event) => void;

export interface FakeWorkerOptions {
  /** `answer`: reply with handleMessage; `hang`: never reply (a `while (true) {}` worker). */
  behaviour?: 'answer' | 'hang';
  replyAfterMs?: number;
  /** With `answer`: how many requests to answer before hanging. Default: all. */
  answers?: number;
  /** Announce readiness like the real entry does; `false` imitates a script that never ran. */
  ready?: boolean;
  /** The engine functions the worker's bundle holds. Default: the admin worker's (all four). */
  engine?: WorkerEngine;
}

export class FakeWorker implements WorkerLike {
  readonly received: Record<string, unknown>[] = [];
  terminated = false;
  private readonly listeners: Record<EventType, Set<Listener>> = {
    message: new Set(),
    error: new Set(),
    messageerror: new Set(),
  };
  private readonly everAdded: { type: EventType; listener: Listener }[] = [];
  private readonly store = new RulesStore();

  constructor(private readonly options: FakeWorkerOptions = {}) {
    if (options.ready !== false) setTimeout(() => this.emit('message', { type: 'ready', v: 1 }), 0);
  }

  addEventListener(type: EventType, listener: Listener): void {
    this.listeners[type].add(listener);
    this.everAdded.push({ type, listener });
  }

  removeEventListener(type: EventType, listener: Listener): void {
    this.listeners[type].delete(listener);
  }

  postMessage(message: unknown): void {
    const copy = structuredClone(message) as Record<string, unknown>;
    if (this.terminated) return;
    this.received.push(copy);
    if (this.options.behaviour === 'hang') return;
    if (this.received.length > (this.options.answers ?? Number.POSITIVE_INFINITY)) return;
    const reply = handleMessage(copy, this.store, this.options.engine ?? adminEngine);
    setTimeout(() => this.emit('message', reply), this.options.replyAfterMs ?? 10);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Delivers an event to the current listeners, as a live worker would. */
  emit(type: EventType, data?: unknown): void {
    if (this.terminated) return;
    for (const listener of [...this.listeners[type]]) listener(fakeEvent(type, data));
  }

  /** Delivers a message to every listener ever added, even removed ones: a reply racing a kill. */
  emitLate(data: unknown): void {
    for (const { type, listener } of this.everAdded)
      if (type === 'message') listener(fakeEvent('message', data));
  }

  listenerCount(): number {
    return this.listeners.message.size + this.listeners.error.size + this.listeners.messageerror.size;
  }
}

function fakeEvent(type: EventType, data: unknown): Event {
  return {
    type,
    data,
    message: type === 'error' ? 'Uncaught Error: boom' : '',
    preventDefault() {},
  } as unknown as Event;
}

/** A `createWorker` that hands out FakeWorkers made by `make` and remembers them. */
export function fakeWorkers(make: (index: number) => FakeWorker = () => new FakeWorker()) {
  const created: FakeWorker[] = [];
  return {
    created,
    createWorker: () => {
      const worker = make(created.length);
      created.push(worker);
      return worker;
    },
    live: () => created.filter((w) => !w.terminated).length,
  };
}
