import type { Problem } from '../domain/index.ts';
import { Field } from './Field.tsx';

/** A labelled select over a fixed list of values (a status, a category, a stage…). */
export function ChoiceField<V extends string>(props: {
  id: string;
  label: string;
  value: V | '';
  options: readonly V[];
  labelOf: (value: V) => string;
  onChange: (value: V) => void;
  problem?: Problem;
  /** Offer an empty choice with this text (for optional values). */
  none?: string;
}) {
  return (
    <Field id={props.id} label={props.label} problem={props.problem}>
      {(aria) => (
        <select {...aria} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as V)}>
          {props.none !== undefined && <option value="">{props.none}</option>}
          {props.options.map((o) => (
            <option key={o} value={o}>
              {props.labelOf(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
