/**
 * The appointment types of a document: identity, the providers who offer each type, its numbers
 * (duration, step, buffers, notice, window, caps) and its kinds (patients, mode).
 */

import { SIZE_LIMITS } from './limits.ts';
import { checkChangePolicy } from './validate-change-policy.ts';
import type { DocumentFacts } from './validate-facts.ts';
import { checkQuestions } from './validate-questions.ts';
import { type ListRef, readTextEntry, type Scope } from './validate-read.ts';
import { checkEntriesWithIds, checkReference } from './validate-references.ts';
import { pointer, type Report } from './validate-report.ts';
import { requireFeature } from './validate-spans.ts';
import { quote } from './validate-text.ts';
import { checkWeekHours } from './validate-week.ts';

const TYPE_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'providerIds',
  'durationMinutes',
  'stepMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'minNoticeMinutes',
  'maxAdvanceDays',
  'maxPerDay',
  'capacity',
  'patients',
  'mode',
  'description',
  'changePolicy',
  'questions',
]);
/** Version 2 adds the type's own hours. */
const TYPE_FIELDS_V2: ReadonlySet<string> = new Set([...TYPE_FIELDS, 'hours']);
const PATIENT_KINDS = ['new', 'existing', 'any'] as const;
const VISIT_MODES = ['in-person', 'video'] as const;

/** Checks every appointment type of `list`, registering their ids in `facts.typeIds`. */
export function checkAppointmentTypes(report: Report, list: ListRef, facts: DocumentFacts): void {
  facts.typeIds = checkEntriesWithIds(report, list, 'Appointment type', (scope, index) =>
    checkType(report, scope, index, facts),
  );
}

function checkType(report: Report, scope: Scope, index: number, facts: DocumentFacts): string | undefined {
  const id = scope.string('id', true);
  if (id !== undefined) scope.owner = `Appointment type ${quote(id)}`;
  const name = scope.string('name', true);
  if (name !== undefined) scope.owner = `Appointment type ${quote(name)}`;
  scope.warnUnknownFields(facts.version === 2 ? TYPE_FIELDS_V2 : TYPE_FIELDS);

  const providers = checkProviderIds(report, scope, facts);
  const durationMinutes = scope.integer('durationMinutes', true);
  const stepMinutes = scope.integer('stepMinutes', false);
  scope.integer('bufferBeforeMinutes', false);
  scope.integer('bufferAfterMinutes', false);
  const minNoticeMinutes = scope.integer('minNoticeMinutes', false);
  const maxAdvanceDays = scope.integer('maxAdvanceDays', false);
  scope.integer('maxPerDay', false);
  scope.integer('capacity', false);
  scope.choice('patients', PATIENT_KINDS);
  scope.choice('mode', VISIT_MODES);
  scope.string('description', false, SIZE_LIMITS.longTextLength);
  checkChangePolicy(scope, maxAdvanceDays);
  checkQuestions(report, scope, facts.questionsAllowed);
  const hours = facts.version === 2 ? checkTypeHours(report, scope, facts) : undefined;
  facts.types.push({
    index,
    path: scope.path,
    label: scope.owner,
    durationMinutes,
    stepMinutes,
    minNoticeMinutes,
    maxAdvanceDays,
    providers,
    hours,
  });
  return id;
}

/** The type's own weekly hours (version 2), which need the `type-hours` feature. */
function checkTypeHours(report: Report, scope: Scope, facts: DocumentFacts) {
  if (scope.field('hours', false) === undefined) return undefined;
  if (!facts.features.has('type-hours')) {
    requireFeature(report, pointer(scope.path, 'hours'), `${scope.owner}: "hours"`, 'type-hours');
  }
  return checkWeekHours(report, scope, {
    key: 'hours',
    label: scope.owner,
    owner: `${scope.owner}'s hours`,
    limit: SIZE_LIMITS.typeSpansPerDay,
  });
}

/** The type's `providerIds`: each an id, each listed once, each a provider of the document. */
function checkProviderIds(report: Report, scope: Scope, facts: DocumentFacts): number[] {
  const list = scope.list('providerIds', true, SIZE_LIMITS.providerIdsPerType);
  const resolved: number[] = [];
  if (list === undefined) return resolved;
  const seen = new Set<string>();
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const id = readTextEntry(report, list, index, scope.owner);
    if (id === undefined) continue;
    const path = pointer(list.path, index);
    if (seen.has(id)) {
      report.error(
        'DUPLICATE_ID',
        path,
        `${scope.owner} lists provider ${quote(id)} twice; list each provider once.`,
      );
      continue;
    }
    seen.add(id);
    const provider = checkReference(
      report,
      facts.providerIds,
      id,
      () => path,
      () => `${scope.owner} lists provider ${quote(id)}, but no provider has that id.`,
    );
    if (provider !== undefined) resolved.push(provider);
  }
  return resolved;
}
