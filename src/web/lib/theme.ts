// The Mantine theme, built around the workspace colour as the primary colour.
import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** Tandem's own colour, used until a workspace's branding is known. */
export const DEFAULT_PRIMARY = '#3b5bdb';

const HEX = /^#[0-9a-f]{6}$/i;

/** True for colours in the `#rrggbb` form the API accepts. */
export function isHexColor(value: string | null | undefined): value is string {
  return typeof value === 'string' && HEX.test(value);
}

function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hexOf(rgb: number[]): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function mix(hex: string, target: number, amount: number): string {
  return hexOf(rgbOf(hex).map((c) => c + (target - c) * amount));
}

/**
 * Ten shades for Mantine with the exact brand colour at index 6 (the primary shade):
 * lighter shades mix in white, darker ones black.
 */
export function shadesOf(hex: string): MantineColorsTuple {
  const base = isHexColor(hex) ? hex.toLowerCase() : DEFAULT_PRIMARY;
  const light = [0.92, 0.82, 0.66, 0.5, 0.34, 0.16].map((a) => mix(base, 255, a));
  const dark = [0.12, 0.24, 0.36].map((a) => mix(base, 0, a));
  return [...light, base, ...dark] as unknown as MantineColorsTuple;
}

/** Relative luminance (WCAG) of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black, whichever reads better on the given background. */
export function readableTextOn(hex: string): string {
  if (!isHexColor(hex)) return '#fff';
  const l = luminance(hex);
  return 1.05 / (l + 0.05) >= ((l + 0.05) / 0.05) * 0.8 ? '#ffffff' : '#1a1b1e';
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The brand colour as text-bearing surfaces use it: unchanged when its readable text (white or
 * near-black) has a contrast of at least 4.5:1 (WCAG AA), else darkened just enough for white.
 */
export function accessibleColor(hex: string): string {
  const base = isHexColor(hex) ? hex.toLowerCase() : DEFAULT_PRIMARY;
  if (contrastRatio(base, readableTextOn(base)) >= 4.5) return base;
  for (let amount = 0.02; amount < 1; amount += 0.02) {
    const darker = mix(base, 0, amount);
    if (contrastRatio(darker, '#ffffff') >= 4.5) return darker;
  }
  return '#1a1b1e';
}

/** The app theme for one primary colour (darkened where white text on it would be hard to read). */
/** Error texts (field errors) in red 9: Mantine's red 6 is 3.3:1 on white, below WCAG AA's 4.5:1. */
export const errorColour = () => ({ variables: {}, light: { '--mantine-color-error': 'var(--mantine-color-red-9)' }, dark: {} });

export function buildTheme(primary: string) {
  return createTheme({
    primaryColor: 'brand',
    primaryShade: 6,
    colors: { brand: shadesOf(accessibleColor(primary)) },
    autoContrast: true,
    luminanceThreshold: 0.4,
    defaultRadius: 'md',
    cursorType: 'pointer',
    fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    headings: { fontWeight: '650' },
    components: {
      Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
      Paper: { defaultProps: { radius: 'md' } },
      // Dialogs name their close button (pages that know the language pass a translated label).
      Modal: {
        defaultProps: {
          radius: 'md',
          centered: true,
          overlayProps: { backgroundOpacity: 0.45, blur: 2 },
          closeButtonProps: { 'aria-label': 'Close' },
        },
      },
      Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
      Badge: { defaultProps: { radius: 'sm' } },
    },
  });
}
