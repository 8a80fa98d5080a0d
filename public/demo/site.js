// A manage link from an email (`/#booking=TOKEN`) opens the booking in the widget: bring the
// booking section into view, since the fragment names no element the browser could scroll to.
function showBookingSection() {
  if (!window.location.hash.startsWith('#booking=')) return;
  const section = document.getElementById('book');
  if (!section) return;
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  section.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', showBookingSection);
else showBookingSection();
window.addEventListener('hashchange', showBookingSection);
