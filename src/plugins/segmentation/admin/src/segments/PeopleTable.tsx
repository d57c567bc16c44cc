/** A page of pass holders (UID, name, e-mail, GSM) with previous / next, up to the rows the server lists. */
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { PreviewResult } from './api';
import { useT } from '../utils/useT';
import { HolderLink } from '../holders/HolderLink';

interface Props {
  result: PreviewResult;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

export function PeopleTable({ result, page, pageSize, onPage }: Props) {
  const t = useT();
  const listed = Math.min(result.total, result.previewRows ?? result.total);
  const pages = Math.max(1, Math.ceil(listed / pageSize));
  return (
    <>
      <Table colCount={5} rowCount={result.items.length + 1}>
        <Thead>
          <Tr>
            {['uid', 'firstName', 'lastName', 'email', 'phone'].map((c) => (
              <Th key={c}>
                <Typography variant="sigma">{t(`preview.${c}`)}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {result.items.map((p) => (
            <Tr key={p.uid}>
              <Td>
                <HolderLink uid={p.uid} />
              </Td>
              <Td>
                <Typography>{p.firstName}</Typography>
              </Td>
              <Td>
                <Typography>{p.lastName}</Typography>
              </Td>
              <Td>
                <Typography>{p.email}</Typography>
              </Td>
              <Td>
                <Typography>{p.phone}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Flex justifyContent="space-between" paddingTop={4}>
        <Button variant="tertiary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('preview.previous')}
        </Button>
        <Typography data-testid="preview-page">{t('preview.page', { page, pages })}</Typography>
        <Button variant="tertiary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('preview.next')}
        </Button>
      </Flex>
      {listed < result.total && (
        <Box paddingTop={2}>
          <Typography textColor="neutral600" data-testid="preview-bounded">
            {t('preview.bounded', { rows: listed })}
          </Typography>
        </Box>
      )}
    </>
  );
}
