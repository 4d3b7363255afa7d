import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A form behind a button, so a phone shows the lists first. The form stays mounted while
 * hidden, so what was typed is still there when it is opened again. Opening moves focus to
 * the form's first field; closing or saving moves it back to the button.
 * `children` gets `close`, for the form to call once it has saved.
 */
export function FormOpener({ id, label, children }: { id: string; label: string; children: (close: () => void) => ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) body.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <div class="form-opener">
      <button ref={button} type="button" class="secondary" aria-expanded={open ? 'true' : 'false'} aria-controls={id} onClick={() => setOpen(!open)}>
        {label}
      </button>
      <div ref={body} id={id} hidden={!open}>
        {children(() => setOpen(false))}
      </div>
    </div>
  );
}
