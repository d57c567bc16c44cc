/** A holder's contact history, newest first: date (Brussels), mailing, channel and what happened, in words; paged. */
import { Badge, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { fmtBrussels, type HistoryPage } from './api';
import { outcomeWords } from './history-words';
import { useT } from '../utils/useT';

interface Props {
  history: HistoryPage;
  onPage: (page: number) => void;
}

export function HistoryTable({ history, onPage }: Props) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(history.total / history.pageSize));
  if (history.total === 0) return <Typography data-testid="history-empty">{t('holders.history.empty')}</Typography>;
  return (
    <>
      <Table colCount={4} rowCount={history.items.length + 1}>
        <Thead>
          <Tr>
            {['date', 'mailing', 'channel', 'outcome'].map((c) => (
              <Th key={c}>
                <Typography variant="sigma">{t(`holders.history.${c}`)}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {history.items.map((item, i) => (
            <Tr key={`${item.mailing.documentId}-${i}`} data-testid="history-row">
              <Td>
                <Typography>{fmtBrussels(item.sentAt)}</Typography>
              </Td>
              <Td>
                <Typography>{item.mailing.otherPartner ? t('holders.history.otherPartner') : item.mailing.name}</Typography>
              </Td>
              <Td>
                <Typography>{t(`holders.channel.${item.channel}`)}</Typography>
              </Td>
              <Td>
                <Flex gap={1} wrap="wrap">
                  {outcomeWords(item).map((w) => (
                    <Badge key={w} variant={w.endsWith('done') ? 'success' : w.includes('bounced') || w.includes('complained') ? 'danger' : 'neutral'}>
                      {t(w)}
                    </Badge>
                  ))}
                </Flex>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Flex justifyContent="space-between" paddingTop={4}>
        <Button variant="tertiary" disabled={history.page <= 1} onClick={() => onPage(history.page - 1)}>
          {t('holders.previous')}
        </Button>
        <Typography>{t('holders.page', { page: history.page, pages })}</Typography>
        <Button variant="tertiary" disabled={history.page >= pages} onClick={() => onPage(history.page + 1)}>
          {t('holders.next')}
        </Button>
      </Flex>
    </>
  );
}
