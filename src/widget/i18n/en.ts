/**
 * The English texts of the first screen (choosing a visit, a day and a time) and of the messages
 * it may show. They are in the page script; the later steps' texts are in en-later.ts, which
 * comes with the later part. Other languages are one catalogue of both (es.ts).
 */
export const en = {
  /** The region's name: not "Book an appointment", which the host's own section is often called. */
  widgetLabel: 'Online booking',
  previewBanner: 'Preview — booking is disabled',
  loading: 'Loading…',
  loadingTimes: 'Loading available times…',
  back: 'Back',
  continue: 'Continue',

  whatTitle: 'What kind of visit?',
  patientFilterLegend: 'Show visits for',
  filterAll: 'Everyone',
  filterNew: 'New patients',
  filterExisting: 'Existing patients',
  typeLegend: 'Type of visit',
  modeInPerson: 'In person',
  modeVideo: 'Video visit',
  minutes: (n: number) => `${n} min`,
  noTypes: 'No visits can be booked online right now.',
  providerLegend: 'Who would you like to see?',
  anyProvider: 'Any available provider',

  whenTitle: 'Choose a day',
  prevMonth: 'Previous month',
  nextMonth: 'Next month',
  dayAvailable: (day: string, count: number) =>
    `${day}, ${count === 1 ? '1 time' : `${count} times`} available`,
  dayUnavailable: (day: string) => `${day}, no availability`,
  today: 'today',
  monthEmpty: (month: string) => `No times available in ${month}.`,
  nextAvailable: 'Go to next available',
  dayEmpty: (day: string) => `No times are available on ${day}.`,
  nextAvailableOn: (day: string) => `Next available: ${day}`,
  searching: 'Looking for the next available day…',
  windowEmpty: 'There are no times available to book online right now.',
  callToBook: (phone: string) => `Call ${phone} to book.`,
  contactClinic: 'Please contact the clinic to book.',

  timesAvailable: (count: number, day: string) =>
    count === 0
      ? `No availability on ${day}`
      : `${count === 1 ? '1 time' : `${count} times`} available on ${day}`,
  timeTitle: (day: string) => `Available times on ${day}`,
  morning: 'Morning',
  afternoon: 'Afternoon',
  evening: 'Evening',
  withProvider: (name: string) => `with ${name}`,
  /** The location filter above the calendar, and a time's place when all locations are shown. */
  location: 'Location',
  allLocations: 'All locations',
  atLocation: (name: string) => `at ${name}`,
  seatsLeft: (left: number, of: number) => `${left} of ${of} seats left`,
  moreTimes: (n: number) => (n === 1 ? 'Show 1 more time' : `Show ${n} more times`),
  shownInYourZone: (zone: string) => `Times are shown in your time zone, ${zone}.`,
  shownInClinicZone: (zone: string) => `Times are shown in the clinic's time zone, ${zone}.`,
  /** After a time in the patient's zone, the clinic's, or the provider's (when not the clinic's). */
  yourTime: 'your time',
  clinicTime: 'at the clinic',
  providerTime: "provider's time",
  showClinicZone: "Show the clinic's time zone",
  showYourZone: 'Show my time zone',

  retry: 'Try again',
  stepFailed:
    "This part of the booking couldn't be loaded. Check your connection and try again; nothing you chose is lost.",

  rescheduleTitle: 'Choose a new time',
  /** The appointment being moved, above the calendar and on its day. */
  currentAt: (when: string) => `Your current appointment: ${when}`,
  currentAppointment: 'your current appointment',
  linkInvalid: 'This booking link has expired or is no longer valid. You can book a new appointment below.',
  manageFailed: "We couldn't load your appointment. Please try again or call the clinic.",

  rulesFailed: "We couldn't load the clinic's availability.",
  tooSlow: 'Finding available times took too long.',
  cannotCompute: "We can't show available times right now.",
  busyFailed: "We couldn't load which times are already booked, so no times are shown for these dates.",
  previewTooSlow: 'These rules take too long to compute.',
  previewInvalid: (n: number, first: string) =>
    `${n === 1 ? 'The rules have 1 error' : `The rules have ${n} errors`}: ${first}`,
  previewNoRules: 'Add a rules document to see the preview.',
};
