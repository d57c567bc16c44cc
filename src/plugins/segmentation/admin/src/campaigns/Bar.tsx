/**
 * A full-width progress bar for a light background (the design system's ProgressBar is a fixed
 * 10 rem, white on grey, made for dark toasts): sent in blue, failed in red, the rest grey.
 */
import { Box, Flex } from '@strapi/design-system';

interface Props {
  label: string;
  total: number;
  sent: number;
  failed: number;
}

export function Bar({ label, total, sent, failed }: Props) {
  const pct = (n: number) => (total > 0 ? Math.min(100, (100 * n) / total) : 0);
  const done = Math.round(pct(sent + failed));
  return (
    <Box
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={done}
      background="neutral150"
      hasRadius
      overflow="hidden"
      height="1.2rem"
      width="100%"
    >
      <Flex height="100%">
        <Box background="primary600" height="100%" style={{ width: `${pct(sent)}%`, transition: 'width 0.6s ease' }} />
        <Box background="danger500" height="100%" style={{ width: `${pct(failed)}%`, transition: 'width 0.6s ease' }} />
      </Flex>
    </Box>
  );
}
