/**
 * The FHIR input as a list of resources: a Bundle (`searchset` or `collection`), one resource, or
 * NDJSON (one resource a line). Size and count are checked before anything is parsed or walked.
 */
import { IMPORT_LIMITS } from './limits.ts';
import type { Findings } from './problems.ts';

/** A resource as read: plain JSON, its `resourceType` and `id` checked to be texts. */
export interface ReadResource {
  resourceType: string;
  id: string;
  /** `Type/id`, used in every problem about it. */
  label: string;
  /** The bundle entry's `fullUrl`, when it has one (references may use it). */
  fullUrl?: string;
  data: Record<string, unknown>;
}

export type InputError = {
  code: 'INPUT_TOO_LARGE' | 'TOO_MANY_RESOURCES' | 'INVALID_INPUT' | 'UNSUPPORTED_BUNDLE_TYPE';
  message: string;
};

export type ReadInput = { ok: true; resources: ReadResource[] } | { ok: false; error: InputError };

const READ_BUNDLE_TYPES = new Set(['searchset', 'collection']);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tooMany(count: number): ReadInput {
  return {
    ok: false,
    error: {
      code: 'TOO_MANY_RESOURCES',
      message: `The input has ${count.toLocaleString('en-US')} resources; at most ${IMPORT_LIMITS.maxResources.toLocaleString('en-US')} are read. Export fewer (for example one provider group, or a shorter period) and import them one by one.`,
    },
  };
}

/** A resource's type and id, or `null` (counted as an invalid entry) when they are not texts. */
function asResource(value: unknown, where: string, findings: Findings): ReadResource | null {
  if (!isRecord(value) || typeof value.resourceType !== 'string' || value.resourceType === '') {
    findings.error(
      'INVALID_RESOURCE',
      where,
      'resourceType',
      `${where} is not a FHIR resource: it has no "resourceType".`,
    );
    findings.skip('invalid', where);
    return null;
  }
  const id = typeof value.id === 'string' && value.id.length <= IMPORT_LIMITS.maxTextLength ? value.id : '';
  const type = value.resourceType.slice(0, 100);
  return { resourceType: type, id, label: id ? `${type}/${id}` : `${type} at ${where}`, data: value };
}

function readBundle(bundle: Record<string, unknown>, findings: Findings): ReadInput {
  const type = bundle.type;
  if (typeof type !== 'string' || !READ_BUNDLE_TYPES.has(type)) {
    return {
      ok: false,
      error: {
        code: 'UNSUPPORTED_BUNDLE_TYPE',
        message: `The bundle's type is ${JSON.stringify(type ?? null)}; a "searchset" or "collection" bundle is read.`,
      },
    };
  }
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  if (entries.length > IMPORT_LIMITS.maxResources) return tooMany(entries.length);
  const resources: ReadResource[] = [];
  entries.forEach((entry: unknown, index) => {
    const where = `entry ${index + 1}`;
    if (!isRecord(entry) || !isRecord(entry.resource)) {
      findings.skip('entry-without-resource', where);
      return;
    }
    // A searchset's OperationOutcome entries are messages about the search, not data.
    if (isRecord(entry.search) && entry.search.mode === 'outcome') {
      findings.skip('search-outcome', where);
      return;
    }
    const resource = asResource(entry.resource, where, findings);
    if (!resource) return;
    if (typeof entry.fullUrl === 'string') resource.fullUrl = entry.fullUrl;
    resources.push(resource);
  });
  return { ok: true, resources };
}

function readNdjson(text: string, findings: Findings): ReadInput {
  const lines = text.split('\n');
  if (lines.length > IMPORT_LIMITS.maxResources + 1) return tooMany(lines.length);
  const resources: ReadResource[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // The parser's own message quotes the line, which may hold a patient's details: not repeated.
      findings.error('INVALID_NDJSON_LINE', where, '', `Line ${index + 1} is not JSON; it was skipped.`);
      findings.skip('broken-line', where);
      return;
    }
    const resource = asResource(value, where, findings);
    if (resource) resources.push(resource);
  });
  if (resources.length > IMPORT_LIMITS.maxResources) return tooMany(resources.length);
  return { ok: true, resources };
}

/**
 * The resources in `text`. A text that parses as one JSON object is a Bundle or one resource;
 * anything else is read as NDJSON, a broken line being a located problem and a counted skip.
 * @example readInput('{"resourceType":"Bundle","type":"history"}', findings) // → UNSUPPORTED_BUNDLE_TYPE
 */
export function readInput(text: string, findings: Findings): ReadInput {
  if (text.length > IMPORT_LIMITS.maxInputChars) return inputTooLarge(text.length);
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    return readNdjson(text, findings);
  }
  if (!isRecord(whole)) {
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The input is JSON but not a FHIR resource or Bundle.' },
    };
  }
  if (whole.resourceType === 'Bundle') return readBundle(whole, findings);
  const resource = asResource(whole, 'the input', findings);
  return { ok: true, resources: resource ? [resource] : [] };
}

/** The error for an input of `size` characters or bytes, past the limit. */
export function inputTooLarge(size: number): ReadInput & { ok: false } {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return {
    ok: false,
    error: {
      code: 'INPUT_TOO_LARGE',
      message: `The input is ${mib(size)}; at most ${mib(IMPORT_LIMITS.maxInputChars)} is read. Export fewer resources (one provider group, or a shorter period) and import them one by one.`,
    },
  };
}
