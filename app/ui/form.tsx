import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useId, type FormEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { useForm, type DefaultValues, type FieldValues, type UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { FieldErrors } from "~/lib/forms";

/**
 * react-hook-form with the zod schema the action also uses. The form stays a real <form>: without
 * JavaScript it posts natively and the action's validation answers; with it, errors show before posting.
 */
export function useValidatedForm<S extends z.ZodType<FieldValues, z.ZodTypeDef, unknown>>(
  schema: S,
  options: { defaultValues?: DefaultValues<z.input<S> & FieldValues>; serverErrors?: FieldErrors | null } = {},
) {
  const submit = useSubmit();
  const form = useForm<z.input<S> & FieldValues>({
    resolver: zodResolver(schema),
    // Validate on submit, then live while fixing: validating on blur shifts the layout under the pointer.
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: options.defaultValues,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    void form.handleSubmit(() => submit(target))(event);
  };
  /** The error for a field: the client's first, else the server's. A catalogue key. */
  const errorFor = (name: string): string | undefined => {
    const clientError = form.formState.errors[name]?.message;
    if (typeof clientError === "string") return clientError;
    return options.serverErrors?.[name];
  };
  /** register() plus the default value as an attribute, so the server-rendered form is filled in before hydration and without JavaScript. */
  const register = (name: string): Registration => {
    const value = (options.defaultValues as Record<string, unknown> | undefined)?.[name];
    return { ...form.register(name as never), defaultValue: value == null ? undefined : String(value) };
  };
  return { form, onSubmit, errorFor, register };
}

export type Registration = UseFormRegisterReturn & { defaultValue?: string };

type FieldProps = { label: string; error?: string; hint?: string; children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode };

/** Label, control and its error (or hint), wired with aria-invalid / aria-describedby. */
export function Field({ label, error, hint, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, describedBy: error || hint ? messageId : undefined, invalid: Boolean(error) })}
      {error ? (
        <p id={messageId} className="text-sm text-red-700" role="alert">
          {t(error)}
        </p>
      ) : hint ? (
        <p id={messageId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

const inputClass =
  "rounded border border-slate-400 px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-blue-600 aria-[invalid=true]:border-red-600";

export function TextField({
  label, error, hint, registration, ...props
}: { label: string; error?: string; hint?: string; registration?: Registration } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input id={id} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} {...props} {...registration} />
      )}
    </Field>
  );
}

export function SelectField({
  label, error, hint, registration, options, ...props
}: {
  label: string; error?: string; hint?: string; registration?: Registration; options: { value: string; label: string }[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} {...props} {...registration}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A form-level error (not tied to one field), announced to screen readers. */
export function FormError({ error }: { error?: string | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {t(error)}
    </div>
  );
}

export function Button({ kind = "primary", ...props }: { kind?: "primary" | "secondary" | "danger" } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const styles = {
    primary: "bg-blue-700 text-white hover:bg-blue-800",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[kind];
  return (
    <button
      type="submit"
      {...props}
      className={`rounded px-4 py-2 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-blue-600 focus:ring-offset-2 disabled:opacity-60 ${styles} ${props.className ?? ""}`}
    />
  );
}
