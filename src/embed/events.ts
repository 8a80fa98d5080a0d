/**
 * Events to the host page: every widget event becomes a `CustomEvent` dispatched on the host
 * element, bubbling and composed so a listener on the element, on an ancestor or on `document`
 * hears it. Names are prefixed (`cs-`) and the detail is the documented payload, so two widgets on
 * one page never collide: `event.target` says which one spoke.
 */
import type { WidgetEmit, WidgetEventMap } from '../widget/events.ts';

/** Returns the emitter the widget calls; each call dispatches one event on `host`. */
export function createHostEmitter(host: EventTarget): WidgetEmit {
  return (name, detail) => {
    host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  };
}

/** The DOM event for each widget event: `addEventListener('cs-booked', e => e.detail.bookingId)`. */
export type ClinicSchedulerEventMap = {
  [K in keyof WidgetEventMap]: CustomEvent<WidgetEventMap[K]>;
};

declare global {
  interface HTMLElementEventMap extends ClinicSchedulerEventMap {}
}
