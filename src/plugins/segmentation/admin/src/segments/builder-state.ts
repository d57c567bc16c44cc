/**
 * Builder state: the segment definition of the shared schema while it is being edited. A draft has
 * the same shape, but a filter may still be incomplete (a number not typed yet); every filter and
 * group carries a React key. `fromDraft(toDraft(def))` gives `def` back unchanged.
 */
import {
  filterSchema,
  validateDefinitionShape,
  type DefinitionProblem,
  type Filter,
  type FilterType,
  type SegmentDefinition,
} from '../../../shared/definition';

/**
 * A filter being edited. `type: ''` is a row where no filter type was chosen yet. `_touched` lists
 * the fields the person changed (or left): only their problems are shown before a save attempt.
 */
export type DraftFilter = { _key: string; type: FilterType | ''; _touched?: string[] } & Record<string, unknown>;
export interface DraftGroup {
  _key: string;
  filters: DraftFilter[];
}
export interface Draft {
  groups: DraftGroup[];
  exclude: DraftGroup[];
}

let counter = 0;
const key = () => `k${++counter}`;

export function newFilter(type: FilterType): DraftFilter {
  switch (type) {
    case 'cardSystem':
      return { _key: key(), type, cardSystems: [] };
    case 'action':
      return { _key: key(), type, action: 'CHECKIN', count: { op: '>=', value: 1 } };
    case 'birthdate':
      return { _key: key(), type, op: '<', value: undefined };
    case 'age':
      return { _key: key(), type, op: 'between', value: [undefined, undefined] };
    case 'kansenstatuut':
      return { _key: key(), type, value: true };
    case 'membership':
      return { _key: key(), type, associations: [] };
    case 'postcode':
      return { _key: key(), type, postcodes: [] };
    case 'points':
      return { _key: key(), type, op: '>=', value: undefined };
    case 'mailing':
      return { _key: key(), type, event: 'received', value: false, days: 21 };
  }
}

/** A row with no filter type chosen yet: it selects nobody and changes no count. */
export const blankFilter = (): DraftFilter => ({ _key: key(), type: '' });

/** A new group starts with one blank row (no default that changes the audience). */
export const newGroup = (): DraftGroup => ({ _key: key(), filters: [blankFilter()] });

export function emptyDraft(): Draft {
  return { groups: [newGroup()], exclude: [] };
}

export function toDraft(def: SegmentDefinition): Draft {
  const group = (g: { filters: Filter[] }): DraftGroup => ({
    _key: key(),
    filters: g.filters.map((f) => ({ ...(JSON.parse(JSON.stringify(f)) as Record<string, unknown>), _key: key() }) as DraftFilter),
  });
  return { groups: def.groups.map(group), exclude: (def.exclude ?? []).map(group) };
}

/** Drops the editor's fields (`_key`, `_touched`), a blank type and fields left empty (undefined). */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!k.startsWith('_') && v !== undefined && !(k === 'type' && v === '')) out[k] = clean(v);
    return out;
  }
  return value;
}

export function fromDraft(draft: Draft): unknown {
  const groups = (gs: DraftGroup[]) => gs.map((g) => ({ filters: g.filters.map(clean) }));
  return { version: 1, groups: groups(draft.groups), ...(draft.exclude.length ? { exclude: groups(draft.exclude) } : {}) };
}

export type DraftCheck = { ok: true; definition: SegmentDefinition } | { ok: false; problems: DefinitionProblem[] };

/** The shared validator on the draft: problems carry paths like ['groups', 0, 'filters', 1, 'value']. */
export function checkDraft(draft: Draft): DraftCheck {
  const result = validateDefinitionShape(fromDraft(draft));
  return result.ok ? { ok: true, definition: result.value } : { ok: false, problems: result.errors };
}

/** A filter that passes the shared schema on its own. */
export const isComplete = (filter: DraftFilter): boolean => filterSchema.safeParse(clean(filter)).success;

/**
 * What the live count asks for: the definition of the complete filters only. Incomplete filters are
 * left out, groups without a complete filter too; `null` while no include group has one.
 * `groupIndex`/`excludeIndex` map each draft group to its index in `definition` (or -1).
 */
export interface Countable {
  definition: SegmentDefinition | null;
  incomplete: number;
  groupIndex: number[];
  excludeIndex: number[];
}

export function countableDefinition(draft: Draft): Countable {
  let incomplete = 0;
  const pick = (groups: DraftGroup[]) => {
    const kept: { filters: unknown[] }[] = [];
    const index = groups.map((g) => {
      const filters = g.filters.filter((f) => {
        const ok = isComplete(f);
        if (!ok && f.type !== '') incomplete++;
        return ok;
      });
      if (!filters.length) return -1;
      kept.push({ filters: filters.map(clean) });
      return kept.length - 1;
    });
    return { kept, index };
  };
  const groups = pick(draft.groups);
  const exclude = pick(draft.exclude);
  const result = validateDefinitionShape({ version: 1, groups: groups.kept, ...(exclude.kept.length ? { exclude: exclude.kept } : {}) });
  return { definition: result.ok ? result.value : null, incomplete, groupIndex: groups.index, excludeIndex: exclude.index };
}

/** Problems of one filter, by field (first path element after the filter), for marking inputs. */
export function problemsAt(problems: DefinitionProblem[], section: 'groups' | 'exclude', g: number, f: number): Record<string, DefinitionProblem> {
  const out: Record<string, DefinitionProblem> = {};
  for (const p of problems) {
    if (p.path[0] !== section || p.path[1] !== g || p.path[2] !== 'filters' || p.path[3] !== f) continue;
    const field = String(p.path[4] ?? 'type');
    out[field] ??= p;
  }
  return out;
}

/** The problems to show now: after a save attempt all, before it only those of fields the person touched. */
export function visibleProblems<T>(errors: Record<string, T>, filter: DraftFilter, showAll: boolean): Record<string, T> {
  if (showAll) return errors;
  const touched = new Set(filter._touched ?? []);
  return Object.fromEntries(Object.entries(errors).filter(([field]) => touched.has(field)));
}

/** Immutable updates used by the editor. */
export const edit = {
  setFilter(draft: Draft, section: keyof Draft, g: number, f: number, next: DraftFilter): Draft {
    return { ...draft, [section]: draft[section].map((grp, i) => (i !== g ? grp : { ...grp, filters: grp.filters.map((x, j) => (j === f ? next : x)) })) };
  },
  addFilter(draft: Draft, section: keyof Draft, g: number, type?: FilterType): Draft {
    const filter = type ? newFilter(type) : blankFilter();
    return { ...draft, [section]: draft[section].map((grp, i) => (i !== g ? grp : { ...grp, filters: [...grp.filters, filter] })) };
  },
  removeFilter(draft: Draft, section: keyof Draft, g: number, f: number): Draft {
    const groups = draft[section]
      .map((grp, i) => (i !== g ? grp : { ...grp, filters: grp.filters.filter((_, j) => j !== f) }))
      .filter((grp) => grp.filters.length > 0);
    return { ...draft, [section]: groups };
  },
  addGroup(draft: Draft, section: keyof Draft): Draft {
    return { ...draft, [section]: [...draft[section], newGroup()] };
  },
  removeGroup(draft: Draft, section: keyof Draft, g: number): Draft {
    return { ...draft, [section]: draft[section].filter((_, i) => i !== g) };
  },
};

/** True when the definition names no card system anywhere (it counts holders of all of them). */
export function lacksCardSystemFilter(draft: Draft): boolean {
  return !draft.groups.every((g) => g.filters.some((f) => f.type === 'cardSystem'));
}
