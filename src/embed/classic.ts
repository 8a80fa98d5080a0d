/**
 * The classic script's entry (`dist/clinic-scheduler.js`): only side effects, no exports, so the
 * IIFE declares no variable of its own; `ClinicScheduler` is the one global it leaves behind.
 */
import './index.ts';
