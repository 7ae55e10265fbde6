/**
 * Text colours for the tinted panels (the private "Commentaire client", conflict warnings).
 * Mantine's yellow.9 / orange.9 read at 2.8:1 / 4.0:1 on their own light shades; these keep
 * ≥ 5.8:1 on yellow.0, orange.0 and white (WCAG AA for small text).
 */
export const TEXT_ON_YELLOW = '#8a5300';
export const TEXT_ON_ORANGE = '#9c3d0a';
