/** A refusal in the core's own words, announced to screen readers; nothing while there is none. */
export function FieldError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p role="alert" className="field-error">
      {message}
    </p>
  ) : null;
}
