import type { UseFormRegisterReturn } from 'react-hook-form';

/** A labelled group of checkboxes bound to one react-hook-form array field, with its error announced. */
export function CheckboxGroup({
  legend,
  options,
  registration,
  error,
  columns = 'grid-cols-1 sm:grid-cols-3',
}: {
  legend: string;
  options: { value: string; label: string }[];
  registration: UseFormRegisterReturn;
  error?: string;
  columns?: string;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className={`mt-2 grid gap-2 ${columns}`}>
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={o.value} {...registration} /> {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
