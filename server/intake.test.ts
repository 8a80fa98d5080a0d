import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IntakeQuestion } from '../src/engine/types.ts';
import { MAX_BOOKING_BYTES } from './routes/bookings.ts';
import { bookingRequest, FIXTURE_RULES, get, post, signIn, useTempApi } from './testing.ts';

const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));

const QUESTIONS: IntakeQuestion[] = [
  { id: 'insurer', kind: 'text', label: 'Insurance company', required: true, maxLength: 100 },
  { id: 'member', kind: 'text', label: 'Member number', required: true, maxLength: 40 },
  { id: 'pregnant', kind: 'yes-no', label: 'Are you pregnant?' },
  { id: 'symptoms', kind: 'several-choices', label: 'Symptoms', choices: ['Fever', 'Cough'] },
];
const ANSWERS = { insurer: 'Blue Shield Answer', member: 'MB-778812', pregnant: false, symptoms: ['Cough'] };

const ctx = useTempApi();

/** Saves the fixture as version 2 with `questions` on the follow-up type, requiring the feature or not. */
async function withQuestions(questions: unknown, requires = ['intake-questions']) {
  const session = await signIn(ctx.api);
  const document = {
    ...fixture,
    version: 2,
    requires,
    appointmentTypes: fixture.appointmentTypes.map((type: { id: string }) =>
      type.id === 'follow-up' ? { ...type, questions } : type,
    ),
  };
  return fetch(`${ctx.api.url}/rules`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...session },
    body: JSON.stringify(document),
  });
}

const book = (answers: unknown, key: string) =>
  post(`${ctx.api.url}/bookings`, { ...bookingRequest(), answers }, key);

describe('intake questions on the server', () => {
  it('serves the questions with the feature required, so an old widget refuses the rules', async () => {
    expect((await withQuestions(QUESTIONS)).status).toBe(200);
    const served = await get(`${ctx.api.url}/rules`);
    expect(served.body.requires).toEqual(['intake-questions', 'busy-windows']);
    const types = served.body.appointmentTypes as { id: string; questions?: unknown }[];
    expect(types.find((type) => type.id === 'follow-up')?.questions).toEqual(QUESTIONS);
  });

  it('refuses to save questions without the intake-questions requirement', async () => {
    const saved = await withQuestions(QUESTIONS, []);
    expect(saved.status).toBe(422);
    const body = (await saved.json()) as { code: string; errors: { code: string; path: string }[] };
    expect(body.code).toBe('INVALID_RULES');
    expect(body.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_FIELD', path: '/appointmentTypes/0/questions' }),
    ]);
  });

  it('books with valid answers, stores them with the booking and shows them to staff only', async () => {
    await withQuestions(QUESTIONS);
    const answer = await book(ANSWERS, 'with-answers');
    expect(answer.status).toBe(201);
    expect(answer.text).not.toContain('MB-778812');
    const token = answer.body.manageToken as string;
    expect((await get(`${ctx.api.url}/bookings/${token}`)).text).not.toContain('MB-778812');
    const staff = await get(`${ctx.api.url}/staff/bookings`, await signIn(ctx.api, 'staff'));
    expect((staff.body.bookings as { answers: unknown }[])[0]?.answers).toEqual([
      { id: 'insurer', label: 'Insurance company', value: 'Blue Shield Answer' },
      { id: 'member', label: 'Member number', value: 'MB-778812' },
      { id: 'pregnant', label: 'Are you pregnant?', value: false },
      { id: 'symptoms', label: 'Symptoms', value: ['Cough'] },
    ]);
    await ctx.api.messagesSent();
    const message = ctx.api.outbox.latest(ctx.api.clinicId);
    expect(message?.kind).toBe('booked');
    expect(JSON.stringify(message)).not.toContain('MB-778812');
    const outbox = await ctx.db.query('SELECT * FROM outbox WHERE clinic_id = $1', [ctx.api.clinicId]);
    expect(outbox).toHaveLength(1);
    expect(JSON.stringify(outbox)).not.toContain('MB-778812');
  });

  it('refuses a required answer missing, one of the wrong type, a choice not offered and an answer to no question', async () => {
    await withQuestions(QUESTIONS);
    const answer = await book({ insurer: 7, pregnant: 'no', symptoms: ['Rash'], 'blood/type': 'O' }, 'bad');
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      code: 'VALIDATION',
      message: '5 fields were not accepted.',
      fieldErrors: {
        'answers/blood~1type': 'NOT_ASKED',
        'answers/insurer': 'WRONG_TYPE',
        'answers/member': 'REQUIRED',
        'answers/pregnant': 'WRONG_TYPE',
        'answers/symptoms': 'NOT_A_CHOICE',
      },
    });
    const stored = await ctx.db.query('SELECT id FROM bookings WHERE clinic_id = $1', [ctx.api.clinicId]);
    expect(stored).toEqual([]);
  });

  it('refuses answers that are not an object before looking at the rules', async () => {
    const answer = await book(['Aetna'], 'list');
    expect(answer.status).toBe(422);
    expect(answer.body.fieldErrors).toEqual({ answers: 'WRONG_TYPE' });
  });

  it('refuses any answer for a type that asks nothing, and books it without answers', async () => {
    const refused = await book({ insurer: 'Aetna' }, 'unasked');
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors).toEqual({ 'answers/insurer': 'NOT_ASKED' });
    expect((await book(undefined, 'none')).status).toBe(201);
    const [row] = await ctx.db.query<{ answers: unknown }>(
      'SELECT answers FROM bookings WHERE clinic_id = $1',
      [ctx.api.clinicId],
    );
    expect(row?.answers).toBeNull();
  });

  it('ignores the questions of a version-1 document, as a version-1 engine does', async () => {
    const session = await signIn(ctx.api);
    const document = {
      ...fixture,
      appointmentTypes: fixture.appointmentTypes.map((type: { id: string }) =>
        type.id === 'follow-up' ? { ...type, questions: QUESTIONS } : type,
      ),
    };
    const saved = await fetch(`${ctx.api.url}/rules`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...session },
      body: JSON.stringify(document),
    });
    expect(saved.status).toBe(200);
    expect((await book(undefined, 'v1')).status).toBe(201);
  });

  it('checks answers against the rules the booking is checked with, not older ones', async () => {
    await withQuestions(QUESTIONS);
    await withQuestions([{ id: 'reason', kind: 'long-text', label: 'Why?', required: true }]);
    const stale = await book(ANSWERS, 'stale');
    expect(stale.status).toBe(422);
    expect(Object.keys(stale.body.fieldErrors).sort()).toEqual([
      'answers/insurer',
      'answers/member',
      'answers/pregnant',
      'answers/reason',
      'answers/symptoms',
    ]);
  });

  it('refuses a body with a megabyte-long answer with 413, and accepts the largest valid answers', async () => {
    const long = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}`, kind: 'long-text', label: `Q${i}` }));
    expect((await withQuestions(long)).status).toBe(200);
    const megabyte = await book({ q0: 'x'.repeat(1024 * 1024) }, 'megabyte');
    expect(megabyte.status).toBe(413);
    // Every answer at its longest, in characters that take the most bytes in UTF-8.
    const largest = Object.fromEntries(long.map((q) => [q.id, '語'.repeat(2000)]));
    const body = JSON.stringify({ ...bookingRequest(), answers: largest });
    expect(Buffer.byteLength(body)).toBeGreaterThan(60_000);
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_BOOKING_BYTES);
    expect((await book(largest, 'largest')).status).toBe(201);
  });
});
