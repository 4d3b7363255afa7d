import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/useT.tsx';
import type { Problem } from '../domain/validation.ts';

/** A labelled form field whose validation message is announced and tied to the input. */
export function Field({
  id,
  label,
  problem,
  children,
}: {
  id: string;
  label: string;
  problem?: Problem;
  children: (aria: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const { tKey } = useT();
  const errorId = `${id}-error`;
  return (
    <div class={`field${problem ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': !!problem, ...(problem ? { 'aria-describedby': errorId } : {}) })}
      {problem && (
        <p class="field-error" id={errorId}>
          {tKey(problem.key, problem.params)}
        </p>
      )}
    </div>
  );
}

/** The first problem per field path. */
export function problemsByField(problems: Problem[]): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  for (const p of problems) out[p.path] ??= p;
  return out;
}

/** Problems that belong to no single field, announced as they appear. */
export function FormProblems({ problems }: { problems: Problem[] }) {
  const { tKey } = useT();
  return (
    <>
      {problems.map((p) => (
        <p key={p.key} role="alert" class="notice notice-error">
          {tKey(p.key, p.params)}
        </p>
      ))}
    </>
  );
}
