/** A loading line: a decorative spinner (still under reduced motion) and words for everyone. */
export function Busy({ text }: { text: string }) {
  return (
    <p class="cs-busy">
      <span class="cs-spinner" aria-hidden="true" />
      {text}
    </p>
  );
}
