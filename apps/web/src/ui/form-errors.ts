import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/errors';

interface FormWithErrors {
  setErrors: (errors: Record<string, ReactNode>) => void;
}

/**
 * Show a failed submission on the form: the server's per-field `details` go under their inputs,
 * and the returned message (or null when every problem was placed on a field) goes above the form.
 */
export function applyServerErrors(
  form: FormWithErrors,
  error: unknown,
  fields: readonly string[],
): string | null {
  if (!(error instanceof ApiError) || error.details.length === 0) return errorMessage(error);
  const perField = error.fieldErrors();
  const placed = Object.fromEntries(Object.entries(perField).filter(([field]) => fields.includes(field)));
  form.setErrors(placed);
  const unplaced = Object.keys(perField).filter((field) => !fields.includes(field));
  return unplaced.length > 0 || Object.keys(placed).length === 0 ? errorMessage(error) : null;
}
