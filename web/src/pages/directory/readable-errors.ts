import type { CSSProperties } from 'react';

/**
 * Field errors in a shade that meets WCAG AA's 4.5:1 on white: Mantine's default error color (red.6) is 3.3:1. Set
 * on a form, it applies to the messages under its fields and to the text of the fields at fault.
 */
export const READABLE_ERRORS = { '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties;
