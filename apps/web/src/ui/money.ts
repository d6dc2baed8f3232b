/** Money in the dashboard: the API speaks integer minor units (cents); people type major units (euros). */

export const isBlank = (value: number | string | null | undefined) =>
  value === '' || value === null || value === undefined;

/** Major units as typed (12,500.50) to minor units (1250050); blank stays null. */
export const toMinor = (major: number | string) => (isBlank(major) ? null : Math.round(Number(major) * 100));

/** Minor units to major units for an input; null becomes an empty input. */
export const toMajor = (minor: number | null) => (minor === null ? '' : minor / 100);

/** Exact amount with cents, for ledgers (formatMoney rounds to whole units). */
export function formatMoneyExact(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 2 }).format(
    minor / 100,
  );
}

/** Short amounts for chart axes: €1.2M, €350K. */
export function formatMoneyCompact(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(minor / 100);
}

/** 0.934 → "93%" */
export const formatRatio = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** 5.63 → "5.6x" */
export const formatMultiple = (multiple: number) =>
  `${multiple.toLocaleString('en-GB', { maximumFractionDigits: 1 })}x`;
