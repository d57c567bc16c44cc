/** The preview's warnings (things worth a second look; none blocks a save or a send), by code. */
import { Box, Flex, Typography } from '@strapi/design-system';
import type { Warning } from './api';
import { useT } from '../utils/useT';

export function Warnings({ warnings }: { warnings: Warning[] }) {
  const t = useT();
  if (!warnings.length) return null;
  const describe = (w: Warning) => {
    const key = `mail.warning.${w.code}`;
    const text = t(key);
    return text === key ? w.message : text;
  };
  return (
    <Box background="warning100" borderColor="warning200" hasRadius padding={3} data-testid="preview-warnings">
      <Typography variant="sigma" textColor="warning700">
        {t('mail.warnings.title', { n: warnings.length })}
      </Typography>
      <Flex tag="ul" direction="column" alignItems="stretch" gap={1} paddingTop={2}>
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`} data-code={w.code}>
            <Typography variant="omega">{describe(w)}</Typography>{' '}
            <Typography variant="pi" textColor="neutral600">
              ({t(`mail.field.${w.field}`)})
            </Typography>
          </li>
        ))}
      </Flex>
    </Box>
  );
}
