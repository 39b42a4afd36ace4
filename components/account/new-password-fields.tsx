import { TextField } from "@/components/forms/fields";

/** The new password, twice, with the account's address for password managers. */
export function NewPasswordFields({ email, errors, hint }: { email: string; errors: { password?: string; confirm?: string }; hint: string }) {
  return (
    <>
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField name="password" label="New password" type="password" autoComplete="new-password" required error={errors.password} hint={hint} />
      <TextField name="confirm" label="New password again" type="password" autoComplete="new-password" required error={errors.confirm} />
    </>
  );
}
