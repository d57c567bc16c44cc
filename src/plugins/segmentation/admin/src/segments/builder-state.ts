/**
 * Builder state: the segment definition of the shared schema while it is being edited. A draft has
 * the same shape, but a filter may still be incomplete (a number not typed yet); every filter and
 * group carries a React key. `fromDraft(toDraft(def))` gives `def` back unchanged.
 */
import { validateDefinitionShape, type DefinitionProblem, type Filter, type FilterType, type SegmentDefinition } from '../../../shared/definition';

export type DraftFilter = { _key: string; type: FilterType } & Record<string, unknown>;
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

export const newGroup = (type: FilterType = 'cardSystem'): DraftGroup => ({ _key: key(), filters: [newFilter(type)] });

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

/** Drops React keys and fields left empty (undefined); the result goes through the shared schema. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '_key' && v !== undefined) out[k] = clean(v);
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

/** Problems of one filter, by field (first path element after the filter), for marking inputs. */
export function problemsAt(problems: DefinitionProblem[], section: 'groups' | 'exclude', g: number, f: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    if (p.path[0] !== section || p.path[1] !== g || p.path[2] !== 'filters' || p.path[3] !== f) continue;
    const field = String(p.path[4] ?? 'type');
    out[field] ??= p.message;
  }
  return out;
}

/** Immutable updates used by the editor. */
export const edit = {
  setFilter(draft: Draft, section: keyof Draft, g: number, f: number, next: DraftFilter): Draft {
    return { ...draft, [section]: draft[section].map((grp, i) => (i !== g ? grp : { ...grp, filters: grp.filters.map((x, j) => (j === f ? next : x)) })) };
  },
  addFilter(draft: Draft, section: keyof Draft, g: number, type: FilterType): Draft {
    return { ...draft, [section]: draft[section].map((grp, i) => (i !== g ? grp : { ...grp, filters: [...grp.filters, newFilter(type)] })) };
  },
  removeFilter(draft: Draft, section: keyof Draft, g: number, f: number): Draft {
    const groups = draft[section]
      .map((grp, i) => (i !== g ? grp : { ...grp, filters: grp.filters.filter((_, j) => j !== f) }))
      .filter((grp) => grp.filters.length > 0);
    return { ...draft, [section]: groups };
  },
  addGroup(draft: Draft, section: keyof Draft): Draft {
    return { ...draft, [section]: [...draft[section], newGroup(section === 'exclude' ? 'kansenstatuut' : 'cardSystem')] };
  },
  removeGroup(draft: Draft, section: keyof Draft, g: number): Draft {
    return { ...draft, [section]: draft[section].filter((_, i) => i !== g) };
  },
};

/** True when the definition names no card system anywhere (it counts holders of all of them). */
export function lacksCardSystemFilter(draft: Draft): boolean {
  return !draft.groups.every((g) => g.filters.some((f) => f.type === 'cardSystem'));
}
