/** Settings → UiTPAS → Auditlog: who exported, sent, cancelled, approved, linked or imported what (read-only, newest first). */
import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { AUDIT_ACTIONS, usePartnersApi, type AuditAction, type AuditEntry } from './api';
import { messageOf } from './errors';
import { useT } from '../utils/useT';

const READ = [{ action: 'plugin::segmentation.audit.read', subject: null }];
const PAGE_SIZE = 50;
/** Subject types with a word of their own (others show as they are). */
const SUBJECTS = ['segment', 'campaign', 'sender', 'user', 'token', 'definition', 'entity'];
/** Imported entities (subject `entity` of `data.import`) with a word of their own. */
const ENTITIES = ['card-systems', 'counters', 'events', 'advantages', 'associations', 'pass-holders', 'actions'];
/** The filter's "every action" choice. */
const ALL = 'all';

const fmtDetails = (details: Record<string, unknown> | null) =>
  details
    ? Object.entries(details)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') || '—' : v === null ? '—' : String(v)}`)
        .join('; ')
    : '';

function AuditPage() {
  const t = useT();
  const api = usePartnersApi();
  const [action, setAction] = useState<AuditAction | typeof ALL>(ALL);
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  const load = async (before?: number) => {
    const id = ++request.current;
    setLoading(true);
    setError(null);
    try {
      const page = await api.audit({ action: action === ALL ? undefined : action, before, pageSize: PAGE_SIZE });
      if (id !== request.current) return; // the filter changed meanwhile
      setRows((r) => (before && r ? [...r, ...page.results] : page.results));
      setNext(page.next);
    } catch (e) {
      setError(messageOf(e, t));
      if (!before) setRows([]);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setRows(null);
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [action]);

  const subjectLabel = ({ type, id, label }: NonNullable<AuditEntry['subject']>) =>
    type === 'entity' && ENTITIES.includes(id) ? t(`partners.audit.entity.${id}`) : (label ?? id);
  const subject = (e: AuditEntry) =>
    e.subject ? `${SUBJECTS.includes(e.subject.type) ? t(`partners.audit.subject.${e.subject.type}`) : e.subject.type}: ${subjectLabel(e.subject)}` : '—';

  return (
    <Page.Main>
      <Page.Title>{t('partners.audit.title')}</Page.Title>
      <Layouts.Header title={t('partners.audit.title')} subtitle={t('partners.audit.subtitle')} />
      <Layouts.Content>
        <Flex paddingBottom={4} gap={2} alignItems="center">
          <Box minWidth="280px">
            <SingleSelect
              aria-label={t('partners.audit.filter')}
              value={action}
              onChange={(v: string | number) => setAction(String(v) as AuditAction | typeof ALL)}
            >
              <SingleSelectOption value={ALL}>{t('partners.audit.allActions')}</SingleSelectOption>
              {AUDIT_ACTIONS.map((a) => (
                <SingleSelectOption key={a} value={a}>
                  {t(`partners.audit.action.${a}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
        </Flex>
        {error && (
          <Alert variant="danger" title={t('partners.error')} closeLabel={t('partners.close')}>
            {error}
          </Alert>
        )}
        {rows === null ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <Typography>{t('partners.audit.empty')}</Typography>
        ) : (
          <>
            <Table colCount={6} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {['at', 'actor', 'action', 'subject', 'rows', 'details'].map((c) => (
                    <Th key={c}>
                      <Typography variant="sigma">{t(`partners.audit.col.${c}`)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((e) => (
                  <Tr key={e.id} data-testid="audit-row">
                    <Td>
                      <Typography>{new Date(e.at).toLocaleString('nl-BE')}</Typography>
                    </Td>
                    <Td>
                      <Typography>{e.actor.type === 'system' ? t('partners.audit.system') : e.actor.label}</Typography>
                    </Td>
                    <Td>
                      <Typography fontWeight="bold">{t(`partners.audit.action.${e.action}`)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{subject(e)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{e.rows === null ? '—' : e.rows.toLocaleString('nl-BE')}</Typography>
                    </Td>
                    <Td>
                      <Typography variant="pi" textColor="neutral600">
                        {fmtDetails(e.details)}
                      </Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            {next !== null && (
              <Flex justifyContent="center" paddingTop={4}>
                <Button variant="secondary" loading={loading} onClick={() => load(next)}>
                  {t('partners.audit.more')}
                </Button>
              </Flex>
            )}
          </>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

export default function ProtectedAuditPage() {
  return (
    <Page.Protect permissions={READ}>
      <AuditPage />
    </Page.Protect>
  );
}
