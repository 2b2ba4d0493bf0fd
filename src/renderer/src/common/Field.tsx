// Labelled form fields with a short explanation and an error in words, wired for screen readers
// (label → input, hint and error → aria-describedby, aria-invalid when wrong).
import { useId, type ReactNode } from 'react';

interface BaseProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  warning?: string | null | undefined;
  className?: string;
}

function describedBy(id: string, p: BaseProps): string | undefined {
  const ids = [
    p.hint ? `${id}-hint` : null,
    p.error ? `${id}-error` : null,
    p.warning ? `${id}-warning` : null,
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Notes({ id, hint, error, warning }: BaseProps & { id: string }) {
  return (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      ) : null}
      {warning ? (
        <span id={`${id}-warning`} className="warning">
          {warning}
        </span>
      ) : null}
    </>
  );
}

/** A one-line text field. */
export function TextField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    placeholder?: string;
    inputMode?: 'text' | 'numeric' | 'decimal';
    name?: string;
    spellCheck?: boolean;
    trailing?: ReactNode;
  },
) {
  const id = useId();
  const input = (
    <input
      id={id}
      type="text"
      name={props.name}
      value={props.value}
      placeholder={props.placeholder}
      inputMode={props.inputMode}
      spellCheck={props.spellCheck ?? false}
      autoComplete="off"
      aria-invalid={props.error ? true : undefined}
      aria-describedby={describedBy(id, props)}
      onChange={(e) => props.onChange(e.target.value)}
      className={props.trailing ? 'grow' : undefined}
    />
  );
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.trailing ? (
        <div className="row">
          {input}
          {props.trailing}
        </div>
      ) : (
        input
      )}
      <Notes id={id} {...props} />
    </div>
  );
}

/** A choice among a few options. */
export function SelectField<T extends string>(
  props: BaseProps & {
    value: T;
    onChange: (value: T) => void;
    options: readonly { value: T; label: string }[];
    name?: string;
  },
) {
  const id = useId();
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Notes id={id} {...props} />
    </div>
  );
}
