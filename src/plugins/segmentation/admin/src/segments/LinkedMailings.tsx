/** The mailings (campaigns) whose segment is this one, newest first, each a link to its page. */
import { useEffect, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { MAIL_BASE } from './SegmentEditPage';
import { useT } from '../utils/useT';

interface Linked {
  documentId: string;
  name: string;
  status: string;
  updatedAt: string;
}

export function LinkedMailings({ segment }: { segment: string }) {
  const { get } = useFetchClient();
  const t = useT();
  const [mailings, setMailings] = useState<Linked[] | null>(null);
  useEffect(() => {
    // A role that may not read mailings gets a 403: the section is then left out.
    get<{ results: Linked[] }>('/segmentation/campaigns', { params: { segment } }).then(
      (r) => setMailings([...r.data.results].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))),
      () => setMailings(null),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetch client is a new object each render
  }, [segment]);
  if (!mailings) return null;
  return (
    <Box paddingBottom={4} data-testid="linked-mailings">
      <Typography variant="delta" tag="h2">
        {t('preview.mailings')}
      </Typography>
      <Box paddingTop={2}>
        {mailings.length === 0 ? (
          <Typography textColor="neutral600">{t('preview.noMailings')}</Typography>
        ) : (
          <Flex direction="column" alignItems="flex-start" gap={1} tag="ul">
            {mailings.map((m) => (
              <li key={m.documentId}>
                <Link tag={NavLink} to={`${MAIL_BASE}/campaigns/${m.documentId}`}>
                  {m.name}
                </Link>{' '}
                <Typography textColor="neutral600">({t(`mailing.status.${m.status}`)})</Typography>
              </li>
            ))}
          </Flex>
        )}
      </Box>
    </Box>
  );
}
