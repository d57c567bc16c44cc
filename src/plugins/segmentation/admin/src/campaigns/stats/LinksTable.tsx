/** Clicks per link: unique clickers and all clicks, most clicked first. */
import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Stats } from '../api';
import { fmtNumber } from '../format';
import { useT } from '../../utils/useT';

export function LinksTable({ links }: { links: Stats['links'] }) {
  const t = useT();
  if (links.length === 0) return <Typography textColor="neutral600">{t('campaign.stats.links.empty')}</Typography>;
  return (
    <Table colCount={3} rowCount={links.length + 1}>
      <Thead>
        <Tr>
          {['url', 'unique', 'total'].map((c) => (
            <Th key={c}>
              <Typography variant="sigma">{t(`campaign.stats.links.${c}`)}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {links.map((l) => (
          <Tr key={l.url}>
            <Td>
              <Typography ellipsis title={l.url}>
                {l.url}
              </Typography>
            </Td>
            <Td>
              <Typography>{fmtNumber(l.unique)}</Typography>
            </Td>
            <Td>
              <Typography>{fmtNumber(l.total)}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
