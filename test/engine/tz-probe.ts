/** Prints `runProbe()` as JSON; tz-invariance.test.ts runs this under several `TZ` values. */
import { runProbe } from './tz-probe-cases.ts';

process.stdout.write(JSON.stringify(runProbe()));
