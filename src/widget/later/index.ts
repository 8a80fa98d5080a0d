/**
 * The later part of the widget: everything after a time is chosen (details, review, the
 * confirmation), a booking opened from a reminder link, an earlier time offered by email, and
 * the refresh of the times when a patient comes back to the page after a while. Imported on demand
 * (src/widget/later-steps.ts), so the bundler makes it a chunk of its own
 * (`dist/clinic-scheduler-later-*.mjs`) and the first screen's file holds only what it shows.
 */
export { freshen } from '../actions/freshen.ts';
export { DetailsStep } from '../components/DetailsStep.tsx';
export { DoneStep } from '../components/DoneStep.tsx';
export { ManageStep } from '../components/ManageStep.tsx';
export { OfferStep } from '../components/OfferStep.tsx';
export { ReviewStep } from '../components/ReviewStep.tsx';
export { enLater } from '../i18n/en-later.ts';
