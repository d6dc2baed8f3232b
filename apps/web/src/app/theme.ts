import {
  type CSSVariablesResolver,
  colorsTuple,
  createTheme,
  DEFAULT_THEME,
  darken,
  luminance,
  type MantineColorsTuple,
  Menu,
  Modal,
  Notification,
} from '@mantine/core';

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color`, darkened in small steps until it reaches `ratio` against `background`. */
function darkEnough(color: string, background: string, ratio: number): string {
  let result = color;
  for (let step = 1; contrast(result, background) < ratio && step <= 20; step++) {
    result = darken(color, step * 0.04);
  }
  return result;
}

/** Behind hovered table rows and menu items: the lightest background text sits on. */
const HOVER_GRAY = DEFAULT_THEME.colors.gray[1];

/**
 * Mantine's palettes with shades 7–9 dark enough for text (WCAG AA, 4.5:1): shades 7 and 8 on
 * gray 1 and white (text colours, outlines, and white text on filled buttons and badges, shade 8),
 * shade 9 on shade 2 (light badges, alerts and active links, shade 1 or 2 behind them on hover).
 * Mantine's own teal, green, yellow, orange… fall short; the lighter shades, used for charts and
 * backgrounds, stay as they are.
 */
const accessibleColors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, shades]) => {
    const s = [...shades];
    s[7] = darkEnough(s[7] as string, HOVER_GRAY, 4.5);
    s[8] = darkEnough(s[8] as string, HOVER_GRAY, 4.6);
    s[9] = darkEnough(s[9] as string, s[2] as string, 4.6);
    return [name, colorsTuple(s) as MantineColorsTuple];
  }),
);

export const theme = createTheme({
  colors: accessibleColors,
  primaryColor: 'indigo',
  // Filled buttons and links in shade 8: white on indigo 6, Mantine's default, is under 4.5:1.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  components: {
    // The menu's focus placeholder (a presentational element with a tabindex) breaks role="menu".
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // Their close buttons are icons without a name by default.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      // Its message under a title is gray 6 (3.3:1 on white).
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    }),
  },
});

/** Mantine's secondary ("dimmed") text is gray 6, 3.3:1 on white; this grey reaches 5.7:1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5f6770' },
  dark: {},
});
