import { answerText } from '../../intake.ts';
import { confirmBooking } from '../actions/booking.ts';
import { goBack } from '../actions/flow.ts';
import { confirmReschedule } from '../actions/manage.ts';
import { useBackButtonInSteps } from '../back-button.ts';
import { answersToSend, questionsOf } from '../intake-form.ts';
import type { Store } from '../state.ts';
import { Heading } from './Heading.tsx';
import { ChangePolicy } from './Policy.tsx';
import { Summary } from './Summary.tsx';

/** The answers to the intake questions, as they will be sent, under each question. */
function Answers({ store }: { store: Store }) {
  const t = store.t.value;
  store.answers.value; // Subscribes: the review redraws when an answer changes.
  const answers = answersToSend(store) ?? {};
  return (
    <>
      {questionsOf(store).value.flatMap((question, index) => {
        const value = answers[question.id];
        if (value === undefined) return [];
        return [
          <dt key={`q${index}`}>{question.label}</dt>,
          <dd key={`a${index}`}>{answerText(value, t.answerYes, t.answerNo)}</dd>,
        ];
      })}
    </>
  );
}

/** Step 5: the appointment and the patient's details once more, then one confirm button. */
export function ReviewStep({ store }: { store: Store }) {
  useBackButtonInSteps(store);
  const t = store.t.value;
  const slot = store.selectedSlot.value;
  const typeId = store.typeId.value;
  if (!slot || typeId === null) return null;
  const rescheduling = store.flow.value === 'reschedule';
  const sending = store.submission.value.status === 'sending';
  const failed = store.submission.value.status === 'failed';
  const form = store.form.value;
  const confirm = () => void (rescheduling ? confirmReschedule(store) : confirmBooking(store));
  const label = rescheduling ? t.confirmReschedule : t.confirm;
  return (
    <div aria-busy={sending ? 'true' : 'false'}>
      <Heading store={store} text={t.reviewTitle} />
      <Summary
        store={store}
        facts={{
          appointmentTypeId: typeId,
          providerId: slot.providerId,
          start: slot.start,
          end: slot.end,
          locationId: slot.locationId,
        }}
        {...(rescheduling && store.manage.value?.booking ? { previous: store.manage.value.booking } : {})}
      />
      <ChangePolicy store={store} typeId={typeId} providerId={slot.providerId} start={slot.start} />
      {!rescheduling && (
        <dl class="cs-summary">
          <dt>{t.patient}</dt>
          <dd>
            {form.name}
            <span class="cs-meta">{form.email}</span>
            <span class="cs-meta">{form.phone}</span>
          </dd>
          {form.reason.trim() !== '' && (
            <>
              <dt>{t.reasonShort}</dt>
              <dd>{form.reason.trim()}</dd>
            </>
          )}
          <Answers store={store} />
        </dl>
      )}
      <div class="cs-actions">
        <button
          type="button"
          class="cs-button cs-button--quiet"
          part="button"
          disabled={sending}
          onClick={() => goBack(store)}
        >
          {t.back}
        </button>
        {/* aria-disabled, not disabled, while sending: a disabled button loses focus to the
            page's body, and the patient's screen reader with it (confirming ignores the click). */}
        <button
          type="button"
          class="cs-button"
          part="button"
          aria-disabled={sending ? 'true' : undefined}
          onClick={confirm}
        >
          {sending ? t.confirming : failed ? t.retry : label}
        </button>
      </div>
    </div>
  );
}
