import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A deep, calm alpine blue; shade 7 is the primary action colour (AA contrast on white). */
const alpine: MantineColorsTuple = [
  '#edf3fc',
  '#dae3f3',
  '#b0c5e8',
  '#84a5dd',
  '#5f89d3',
  '#4778cd',
  '#3a6fcb',
  '#2c5eb4',
  '#2353a2',
  '#154790',
];

export const theme = createTheme({
  primaryColor: 'alpine',
  primaryShade: 7,
  colors: { alpine },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  headings: { fontWeight: '650' },
  components: {
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 } } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
    Notification: { defaultProps: { withBorder: true } },
  },
});
