/**
 * The raw JSON tab checks a draft against the published JSON Schema (`/schema/rules-v1.json`),
 * the same file a clinic's own tooling would use. The schema catches shape mistakes as the admin
 * types; the engine's validation and lints (in the worker) give the detailed, named findings.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { Diagnostic } from '../engine/types.ts';

export type SchemaCheck = (doc: unknown) => Diagnostic[];

/** Findings shown at most, so a badly broken document does not flood the page. */
const MAX_FINDINGS = 50;

/** Compiles the schema once; the returned check reports `SCHEMA` findings with their paths. */
export function createSchemaCheck(schema: object): SchemaCheck {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  return (doc) => {
    if (validate(doc)) return [];
    return (validate.errors ?? []).slice(0, MAX_FINDINGS).map((error) => ({
      code: 'SCHEMA',
      path: error.instancePath,
      message: `${error.instancePath || 'The document'} ${error.message ?? 'does not match the schema'}.`,
    }));
  };
}

/** Loads the published schema; `null` (and no schema check) when it cannot be read. */
export async function loadSchemaCheck(
  url: string,
  fetcher: typeof fetch = fetch,
): Promise<SchemaCheck | null> {
  try {
    const response = await fetcher(url);
    if (!response.ok) return null;
    return createSchemaCheck((await response.json()) as object);
  } catch {
    return null;
  }
}
