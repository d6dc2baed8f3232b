import {
  type CSSVariablesResolver,
  colorsTuple,
  createTheme,
  DEFAULT_THEME,
  darken,
  luminance,
  type MantineColorsTuple,
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

/**
 * Mantine's palettes with shades 7–9 dark enough for text (WCAG AA, 4.5:1): shades 7 and 8 on
 * white (text colours, outlines, and white text on filled buttons and badges, which use shade 8),
 * shade 9 on shade 1 (light badges and alerts). Mantine's own teal, green, yellow, orange… shades
 * fall short; the lighter shades, used for charts and backgrounds, stay as they are.
 */
const accessibleColors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, shades]) => {
    const s = [...shades];
    s[7] = darkEnough(s[7] as string, '#ffffff', 4.6);
    s[8] = darkEnough(s[8] as string, '#ffffff', 4.8);
    s[9] = darkEnough(s[9] as string, s[1] as string, 5);
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
});

/** Mantine's secondary ("dimmed") text is gray 6, 3.3:1 on white; this grey reaches 5.7:1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5f6770' },
  dark: {},
});
