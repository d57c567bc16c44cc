/** An SMS as a phone shows it: the text in a bubble, and under it (when known) how many parts it takes. */
import { Box, Typography } from '@strapi/design-system';

interface Props {
  text: string;
  testId: string;
  /** `n`: the number of parts; `text`: the line saying so. */
  parts?: { n: number; text: string; testId: string };
}

export function SmsBubble({ text, testId, parts }: Props) {
  return (
    <Box background="neutral100" padding={4} hasRadius maxWidth="360px">
      <Box background="primary100" padding={3} hasRadius>
        <Typography tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={testId}>
          {text}
        </Typography>
      </Box>
      {parts && (
        <Box paddingTop={2}>
          <Typography variant="pi" textColor="neutral600" data-testid={parts.testId} data-value={parts.n}>
            {parts.text}
          </Typography>
        </Box>
      )}
    </Box>
  );
}
