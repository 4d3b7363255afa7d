import type { ComponentChildren } from 'preact';

/** A wide table scrolls sideways on a phone rather than breaking its words; the keyboard can scroll it too. */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
