/** One page of a per-person list: the pass number (to the holder's page and contact history), name, address, and the list's own columns. */
import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { HolderLink } from '../../holders/HolderLink';
import { fmtDate, fmtNumber } from '../format';
import { useT } from '../../utils/useT';
import type { PeopleList, PersonItem } from '../../../../shared/mailing-people';

/** The columns after uid, name and address, per list. */
const COLUMNS: Record<PeopleList, string[]> = {
  opened: ['opens', 'firstAt', 'at'],
  clicked: ['clicks', 'links', 'at'],
  bounced: ['kind', 'reason', 'at'],
  complained: ['feedback', 'at'],
  unsubscribed: ['at'],
};

function Cell({ column, item }: { column: string; item: PersonItem }) {
  const t = useT();
  switch (column) {
    case 'opens':
    case 'clicks':
      return <Typography>{fmtNumber(item.count)}</Typography>;
    case 'firstAt':
      return <Typography>{fmtDate(item.firstAt)}</Typography>;
    case 'links':
      return (
        <Typography ellipsis title={item.links?.join('\n')}>
          {item.links?.join(', ') ?? '—'}
        </Typography>
      );
    case 'kind':
      return <Typography>{item.kind ? t(`campaign.people.kind.${item.kind}`) : '—'}</Typography>;
    case 'reason':
    case 'feedback':
      return (
        <Typography ellipsis title={item.reason ?? undefined}>
          {item.reason ?? '—'}
        </Typography>
      );
    default:
      return <Typography>{fmtDate(item.at)}</Typography>;
  }
}

export function PeopleTable({ list, items }: { list: PeopleList; items: PersonItem[] }) {
  const t = useT();
  const columns = ['uid', 'name', 'email', ...COLUMNS[list]];
  return (
    <Table colCount={columns.length} rowCount={items.length + 1}>
      <Thead>
        <Tr>
          {columns.map((c) => (
            <Th key={c}>
              <Typography variant="sigma">{t(`campaign.people.col.${c}`)}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {items.map((p) => (
          <Tr key={p.uid} data-testid={`person-${p.uid}`}>
            <Td>
              <HolderLink uid={p.uid} />
            </Td>
            <Td>
              <Typography>{[p.firstName, p.lastName].filter(Boolean).join(' ') || '—'}</Typography>
            </Td>
            <Td>
              <Typography>{p.email}</Typography>
            </Td>
            {COLUMNS[list].map((c) => (
              <Td key={c}>
                <Cell column={c} item={p} />
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
