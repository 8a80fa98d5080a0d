/**
 * Which worker bundle a client uses: `patient` is `slots-worker.js` (slots and validate, within the
 * patient's size budget); `admin` is `admin-worker.js` (the same plus lint and diff, for an editor).
 */
export type WorkerFlavour = 'patient' | 'admin';

/**
 * The names under which a worker bundle, when loaded as a plain `<script>` on a page rather than
 * in a worker, exposes its engine for the main-thread fallback. One name per bundle, so an admin
 * client never picks up the patient's engine (which cannot lint) from the same page; versioned so
 * two widget versions on one page never read each other's engine. No imports: the page bundle
 * reads these constants.
 */
export const ENGINE_GLOBALS: Readonly<Record<WorkerFlavour, string>> = {
  patient: 'ClinicSchedulerSlotEngine_v1',
  admin: 'ClinicSchedulerAdminEngine_v1',
};
