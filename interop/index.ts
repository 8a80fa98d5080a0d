/**
 * Interop's public face: FHIR in (`importFhir`: a bundle or NDJSON and a mapping become a rules
 * document, busy entries and located problems) and SMART Scheduling Links out (`publishSmart`:
 * the published files in memory). Pure and DOM-free; the Node-only worker runner is
 * `publish-in-worker.ts`.
 */
export type { ImportErrorCode, ImportOptions, ImportResult } from './import-fhir.ts';
export { importFhir, READ_TYPES } from './import-fhir.ts';
export { IMPORT_LIMITS, PUBLISH_LIMITS } from './limits.ts';
export type { AppointmentTypeMapping, FhirMapping, HoursSource, ProviderMapping } from './mapping.ts';
export type { Problem, ProblemCode, Skip, SkipReason } from './problems.ts';
export type { PublishCounts, PublishErrorCode, PublishOptions, PublishResult } from './publish-smart.ts';
export { MANIFEST_PATH, publishSmart, SMART_EXTENSIONS, smartHeaders } from './publish-smart.ts';
