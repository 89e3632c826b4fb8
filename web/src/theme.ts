import {
  createTheme,
  defaultVariantColorsResolver,
  Modal,
  NavLink,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

// Mantine's default text shades on light backgrounds (light, subtle and outline variants) fall below WCAG AA's
// 4.5:1 for small text. Shade 9 of most colors meets it on white and on shade 0; yellow, orange and lime do not
// at any shade, so their text is near-black and the color stays in the background or border.
const PALE = new Set(['yellow', 'orange', 'lime']);

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (!['light', 'subtle', 'outline'].includes(input.variant ?? '')) return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const text = PALE.has(parsed.color)
    ? 'var(--mantine-color-gray-9)'
    : `var(--mantine-color-${parsed.color}-9)`;
  return {
    ...colors,
    color: text,
    // Hovered too (an active navigation link under the pointer): shade 1 under shade 9 text is below 4.5:1.
    ...(input.variant === 'light'
      ? {
          background: `var(--mantine-color-${parsed.color}-0)`,
          hover: `var(--mantine-color-${parsed.color}-0)`,
        }
      : {}),
  };
};

export const theme = createTheme({
  primaryColor: 'teal',
  // White text on teal.6 or teal.8 falls short of 4.5:1; on teal.9 it meets it.
  primaryShade: 9,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  variantColorResolver,
  components: {
    // The scroll lock's scrollbar compensation writes a <style> element without the page's nonce, which the
    // Content-Security-Policy blocks; the lock itself (wheel and touch) needs no style.
    Modal: Modal.extend({ defaultProps: { removeScrollProps: { removeScrollBar: false } } }),
    // The active navigation link's text on Mantine's shade-1 background is 4.3:1; on shade 0 it meets 4.5:1.
    NavLink: NavLink.extend({
      vars: (theme) => ({
        root: {
          '--nl-bg': `var(--mantine-color-${theme.primaryColor}-0)`,
          '--nl-color': `var(--mantine-color-${theme.primaryColor}-9)`,
          // Hovered, the active link keeps that background: Mantine's hover shade takes the text below 4.5:1.
          '--nl-hover': `var(--mantine-color-${theme.primaryColor}-0)`,
        },
        children: {},
      }),
    }),
  },
});

/**
 * Secondary ("dimmed") text and field errors darker than Mantine's defaults, which are below WCAG AA's 4.5:1 on
 * white (the error red.6 is 3.3:1).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
