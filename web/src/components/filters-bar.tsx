// A filter form: labelled fields laid out in a row, "Aplicar filtros" to submit and "Limpar" to reset.
// Filters live in the URL (the page owns that); this component is only the form around the fields.
import type { FormEvent, ReactNode } from 'react';

export function FiltersBar({
  label,
  onSubmit,
  onReset,
  children,
}: {
  label: string;
  onSubmit: () => void;
  onReset: () => void;
  children: ReactNode;
}) {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form className="filters" aria-label={label} onSubmit={handleSubmit} data-testid="filters">
      <div className="filters-fields">{children}</div>
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          Aplicar filtros
        </button>
        <button type="button" className="button" onClick={onReset}>
          Limpar
        </button>
      </div>
    </form>
  );
}

/** A labelled filter field; `hint` and `error` are announced with the control. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** A labelled decimal text field (the page parses what is typed, "12,5" or "12.5"), its hint announced with it. */
export function DecimalField({
  id,
  label,
  hint,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        size={5}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
