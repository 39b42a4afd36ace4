import { inputClass } from "@/components/admin/form-bits";

/**
 * A labelled time zone field: type to search the list (a datalist), or pick.
 * `zones` comes from the server, so the list matches what the server accepts.
 */
export function TimeZoneInput({
  id,
  label,
  hint,
  zones,
  defaultValue,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  zones: string[];
  defaultValue: string;
  error?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name="timeZone"
        list={`${id}-list`}
        defaultValue={defaultValue}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : undefined].filter(Boolean).join(" ")}
        className={`mt-1 ${inputClass}`}
      />
      <datalist id={`${id}-list`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`${id}-error`} hidden={!error}>
        {error}
      </p>
    </div>
  );
}
