/** The groups of a definition (OR between groups, AND within) or its exclude groups. */
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import type { DefinitionProblem } from '../../../shared/definition';
import { edit, problemsAt, visibleProblems, type Draft, type DraftFilter } from './builder-state';
import { FilterEditor } from './FilterEditor';
import { problemText } from './problems';
import { useT } from '../utils/useT';

interface Props {
  section: 'groups' | 'exclude';
  draft: Draft;
  problems: DefinitionProblem[];
  /** Per draft group, the holders it adds (or removes); undefined for a group that does not count yet. */
  contributions?: (number | undefined)[];
  /** After a save attempt: every problem shown, not only those of touched fields. */
  showAll: boolean;
  readOnly?: boolean;
  onChange: (draft: Draft) => void;
}

export function GroupsEditor({ section, draft, problems, contributions, showAll, readOnly, onChange }: Props) {
  const t = useT();
  const groups = draft[section];
  const errorsOf = (filter: DraftFilter, g: number, f: number) =>
    Object.fromEntries(
      Object.entries(visibleProblems(problemsAt(problems, section, g, f), filter, showAll)).map(([field, p]) => [field, problemText(p, t, filter.type)]),
    );
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {groups.map((group, g) => (
        <Box key={group._key}>
          {g > 0 && (
            <Box paddingBottom={3}>
              <Badge>{section === 'groups' ? t('group.or') : t('group.orExclude')}</Badge>
            </Box>
          )}
          <Box background={section === 'groups' ? 'neutral100' : 'danger100'} padding={4} hasRadius>
            <Flex justifyContent="space-between" paddingBottom={3}>
              <Typography variant="delta" tag="h3">
                {t(section === 'groups' ? 'group.title' : 'group.excludeTitle', { n: g + 1 })}
              </Typography>
              <Flex gap={2}>
                {contributions?.[g] !== undefined && (
                  <Typography textColor="neutral600" data-testid={`${section}-${g}-count`}>
                    {t(section === 'groups' ? 'group.contributes' : 'group.removes', { n: contributions[g]!.toLocaleString('nl-BE') })}
                  </Typography>
                )}
                {!readOnly && (
                  <Button variant="tertiary" size="S" onClick={() => onChange(edit.removeGroup(draft, section, g))}>
                    {t('group.remove')}
                  </Button>
                )}
              </Flex>
            </Flex>
            <Flex direction="column" alignItems="stretch" gap={2}>
              {group.filters.map((filter, f) => (
                <Box key={filter._key}>
                  {f > 0 && (
                    <Typography variant="sigma" textColor="neutral600">
                      {t('group.and')}
                    </Typography>
                  )}
                  <FilterEditor
                    filter={filter}
                    errors={errorsOf(filter, g, f)}
                    readOnly={readOnly}
                    onChange={(next) => onChange(edit.setFilter(draft, section, g, f, next))}
                    onRemove={() => onChange(edit.removeFilter(draft, section, g, f))}
                  />
                </Box>
              ))}
            </Flex>
            {!readOnly && (
              <Box paddingTop={3}>
                <Button variant="secondary" startIcon={<Plus />} onClick={() => onChange(edit.addFilter(draft, section, g))}>
                  {t('filter.add')}
                </Button>
              </Box>
            )}
          </Box>
        </Box>
      ))}
      {!readOnly && (
        <Box>
          <Button variant={section === 'groups' ? 'secondary' : 'danger-light'} startIcon={<Plus />} onClick={() => onChange(edit.addGroup(draft, section))}>
            {t(section === 'groups' ? 'group.add' : 'group.addExclude')}
          </Button>
        </Box>
      )}
    </Flex>
  );
}
