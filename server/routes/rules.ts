/**
 * `GET /rules` (the widget's document), `PUT /rules` (an admin's save) and the rules history:
 * list, read one version, restore one.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { savedRules } from '../../src/api/rules-forms.ts';
import { lintRules, validateRules } from '../../src/engine/index.ts';
import { requireStaff } from '../auth/sessions.ts';
import { HttpError, notFound } from '../errors.ts';
import { etagOf } from '../rules/catalog.ts';
import { servedRules, servedRulesNow } from '../rules/served.ts';
import { upcomingByReference } from '../store/bookings.ts';
import { findRulesVersion, insertRulesVersion, listRulesVersions, lockRules } from '../store/rules.ts';
import { sendCacheable } from './cacheable.ts';

export const MAX_RULES_BYTES = 5 * 1024 * 1024;

export async function rulesRoutes(app: FastifyInstance): Promise<void> {
  const { db, catalog, now } = app.clinic;
  // Answered without a promise when the served text is at hand, as it is for all but about one
  // request a second: this is the widget's most frequent request, and most answers are 304s.
  app.get('/rules', (request, reply) => {
    const served = servedRulesNow(app.clinic, request.clinicId);
    if (served) {
      sendCacheable(request, reply, served);
      return;
    }
    return servedRules(app.clinic, request.clinicId).then((text) => sendCacheable(request, reply, text));
  });

  app.put('/rules', { bodyLimit: MAX_RULES_BYTES, config: { rawJson: true } }, async (request, reply) => {
    const session = await requireStaff(db, request, request.clinicId, now(), 'admin');
    const expected = readIfMatch(request);
    const keep = (request.query as { orphans?: string }).orphans === 'keep';
    return save(request, reply, request.body, { session, expected, keep, note: 'saved' });
  });

  app.get('/rules/versions', async (request) => {
    await requireStaff(db, request, request.clinicId, now(), 'any');
    return { versions: await listRulesVersions(db, request.clinicId) };
  });

  app.get<{ Params: { version: string } }>(
    '/rules/versions/:version',
    {
      schema: {
        params: { type: 'object', properties: { version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } } },
      },
    },
    async (request) => {
      await requireStaff(db, request, request.clinicId, now(), 'any');
      const found = await findRulesVersion(db, request.clinicId, Number(request.params.version));
      if (!found) throw notFound('There is no such version of the rules.');
      const { document, ...summary } = found;
      return { ...summary, document: JSON.parse(document) };
    },
  );

  app.post<{ Params: { version: string } }>(
    '/rules/versions/:version/restore',
    {
      schema: {
        params: { type: 'object', properties: { version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } } },
      },
    },
    async (request, reply) => {
      const session = await requireStaff(db, request, request.clinicId, now(), 'admin');
      const found = await findRulesVersion(db, request.clinicId, Number(request.params.version));
      if (!found) throw notFound('There is no such version of the rules.');
      const expected = readIfMatch(request);
      const keep = (request.query as { orphans?: string }).orphans === 'keep';
      return save(request, reply, JSON.parse(found.document), {
        session,
        expected,
        keep,
        note: `restored version ${found.version}`,
      });
    },
  );

  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    draft: unknown,
    how: {
      session: Awaited<ReturnType<typeof requireStaff>>;
      expected: string | null;
      keep: boolean;
      note: string;
    },
  ) {
    const clinicId = request.clinicId;
    const stripped = savedRules(draft);
    const result = validateRules(stripped);
    if (!result.ok) {
      const count = result.errors.length;
      throw new HttpError(422, {
        code: 'INVALID_RULES',
        message: `The rules were not saved: ${count} error${count === 1 ? '' : 's'} to fix.`,
        errors: result.errors,
      });
    }
    // The draft as the admin wrote it (key order included), not a normalised copy.
    const text = JSON.stringify(stripped);
    const etag = etagOf(text);
    const lint = lintRules(result.rules, { now: now() });
    const warnings = [...result.warnings, ...(lint.ok ? lint.diagnostics : [])];
    const saved = await db.transaction(async (tx) => {
      await lockRules(tx, clinicId);
      const current = await findRulesVersion(tx, clinicId, 'current');
      if (how.expected !== null && current && how.expected !== current.etag) {
        // The newer document itself, not a diff: the admin page diffs in its worker, since the
        // diff generates slots and slots are never generated on the server.
        throw new HttpError(412, {
          code: 'RULES_CONFLICT',
          message: `The rules were changed (version ${current.version}, by ${current.savedBy ?? 'the server'}) since this draft was opened: review the difference and save again.`,
          current: {
            version: current.version,
            etag: current.etag,
            savedBy: current.savedBy,
            savedAt: current.savedAt,
            document: JSON.parse(current.document),
          },
        });
      }
      const orphans = orphaned(result.rules, await upcomingByReference(tx, clinicId, now()));
      if (orphans.length > 0 && !how.keep) {
        const count = orphans.reduce((sum, o) => sum + o.count, 0);
        throw new HttpError(409, {
          code: 'RULES_ORPHAN_BOOKINGS',
          message: `The rules were not saved: ${count} upcoming booking${count === 1 ? '' : 's'} would lose their appointment type or provider. Keep those types and providers, or save again with ?orphans=keep to keep the bookings as plain busy time.`,
          orphans,
        });
      }
      const version = await insertRulesVersion(tx, clinicId, {
        document: text,
        etag,
        warnings,
        savedBy: { id: how.session.staff.id, email: how.session.staff.email },
        note:
          orphans.length > 0
            ? `${how.note}, keeping ${orphans.length} orphaned booking group(s) as busy time`
            : how.note,
        now: now(),
      });
      return version;
    });
    catalog.saved(clinicId, { version: saved, etag });
    request.log.info({ clinicId, version: saved }, 'rules saved');
    const served = await servedRules(app.clinic, clinicId);
    return reply
      .header('ETag', served.etag)
      .send({ etag: served.etag, rulesEtag: etag, version: saved, warnings });
  }
}

/** Upcoming bookings whose type or provider the new rules no longer have. */
function orphaned(
  rules: { appointmentTypes: { id: string; providerIds: string[] }[]; providers: { id: string }[] },
  upcoming: { appointmentTypeId: string; providerId: string; count: number }[],
) {
  const types = new Map(rules.appointmentTypes.map((t) => [t.id, t]));
  const providers = new Set(rules.providers.map((p) => p.id));
  return upcoming
    .map((group) => {
      const type = types.get(group.appointmentTypeId);
      const problem = !type
        ? ('TYPE_REMOVED' as const)
        : !providers.has(group.providerId)
          ? ('PROVIDER_REMOVED' as const)
          : !type.providerIds.includes(group.providerId)
            ? ('PROVIDER_NO_LONGER_OFFERS' as const)
            : null;
      return problem ? { ...group, problem } : null;
    })
    .filter((group) => group !== null);
}

function readIfMatch(request: FastifyRequest): string | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^"[\w-]{1,64}"$/.test(value.trim())) {
    throw new HttpError(400, {
      code: 'BAD_REQUEST',
      message: 'If-Match must be one strong ETag of the rules.',
    });
  }
  return value.trim();
}
