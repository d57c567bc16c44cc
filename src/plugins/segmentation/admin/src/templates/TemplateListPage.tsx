/** Template list: search, name / subject / partner / house style / language / updated, and edit / duplicate / delete. */
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Flex, IconButton, Searchbar, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Duplicate, Eye, Pencil, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { BASE, useTemplatesApi, type HouseStyle, type MailTemplate } from './api';
import { MailNav } from './MailNav';
import { problemOf } from './errors';
import { useMailPermissions } from './usePermissions';
import { cardSystemName } from '../partners/card-system';
import { useMe } from '../partners/useMe';
import { useT } from '../utils/useT';

const fmtDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('nl-BE') : '—');

export function TemplateListPage() {
  const api = useTemplatesApi();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite } = useMailPermissions();
  const me = useMe();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<MailTemplate[] | null>(null);
  const [styles, setStyles] = useState<HouseStyle[]>([]);

  const load = useCallback(() => {
    api.list({ q, pageSize: 100 }).then((r) => setRows(r.results), () => setRows([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  useEffect(() => {
    const timer = setTimeout(load, 250);
    return () => clearTimeout(timer);
  }, [load]);
  useEffect(() => {
    api.houseStyles().then(setStyles, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const styleOf = (tpl: MailTemplate) =>
    tpl.format === 'html' ? t('mail.style.html') : (styles.find((s) => s.key === tpl.houseStyle)?.name ?? tpl.houseStyle ?? '—');

  const act = async (fn: () => Promise<unknown>, message: string) => {
    try {
      await fn();
      toggleNotification({ type: 'success', message });
      load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: problemOf(error).message });
    }
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('mail.templates.title')}</Page.Title>
      <Layouts.Header
        title={t('mail.templates.title')}
        subtitle={t('mail.templates.subtitle')}
        primaryAction={canWrite ? <Button startIcon={<Plus />} onClick={() => navigate(`${BASE}/templates/new`)}>{t('mail.templates.new')}</Button> : undefined}
      />
      <Layouts.Content>
        <MailNav />
        <Box paddingBottom={4}>
          <Searchbar name="q" value={q} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQ(e.target.value)} onClear={() => setQ('')} clearLabel={t('mail.clear')} placeholder={t('mail.templates.search')}>
            {t('mail.templates.search')}
          </Searchbar>
        </Box>
        {rows === null ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <Typography>{t('mail.templates.empty')}</Typography>
        ) : (
          <Table colCount={7} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                {['name', 'subject', 'cardSystem', 'houseStyle', 'language', 'updated', 'actions'].map((c) => (
                  <Th key={c}><Typography variant="sigma">{c === 'cardSystem' ? t('partners.cardSystem.column') : t(`mail.templates.col.${c}`)}</Typography></Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((tpl) => (
                <Tr key={tpl.documentId}>
                  <Td><Typography fontWeight="bold">{tpl.name}</Typography></Td>
                  <Td><Typography ellipsis>{tpl.subject}</Typography></Td>
                  <Td><Typography>{cardSystemName(me, tpl.cardSystem, t('partners.programmeWide'))}</Typography></Td>
                  <Td><Typography>{styleOf(tpl)}</Typography></Td>
                  <Td><Typography>{t(`mail.language.${tpl.language}`)}</Typography></Td>
                  <Td><Typography>{fmtDate(tpl.updatedAt)}</Typography></Td>
                  <Td>
                    <Flex gap={1}>
                      <IconButton label={canWrite ? t('mail.templates.edit') : t('partners.view')} onClick={() => navigate(`${BASE}/templates/${tpl.documentId}`)}>
                        {canWrite ? <Pencil /> : <Eye />}
                      </IconButton>
                      {canWrite && (
                        <>
                          <IconButton label={t('mail.templates.duplicate')} onClick={() => act(() => api.duplicate(tpl.documentId), t('mail.templates.duplicated'))}>
                            <Duplicate />
                          </IconButton>
                          <IconButton
                            label={t('mail.templates.delete')}
                            onClick={() => window.confirm(t('mail.templates.confirmDelete', { name: tpl.name })) && act(() => api.remove(tpl.documentId), t('mail.templates.deleted'))}
                          >
                            <Trash />
                          </IconButton>
                        </>
                      )}
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
}
