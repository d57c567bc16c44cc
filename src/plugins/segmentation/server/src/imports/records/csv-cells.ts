/**
 * CSV cells as the JSON values the record schemas (schemas.ts) read: an empty cell is "not given",
 * lists are split by `|`, memberships are `key:endDate|key`.
 */
import { RECORD_SCHEMAS, type ImportEntity } from './schemas';

type CellKind = 'int' | 'bool' | 'list' | 'memberships';
const CSV_KINDS: Partial<Record<ImportEntity, Record<string, CellKind>>> = {
  events: { themes: 'list', cancelled: 'bool' },
  advantages: { points: 'int' },
  'pass-holders': { points: 'int', kansenstatuut: 'bool', cardSystems: 'list', memberships: 'memberships', consents: 'list' },
  actions: { points: 'int' },
};
const FIELDS = Object.fromEntries(Object.entries(RECORD_SCHEMAS).map(([entity, schema]) => [entity, new Set(Object.keys(schema.shape))])) as Record<
  ImportEntity,
  Set<string>
>;

const BOOLS = new Map<string, boolean>([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
]);
const cells = (cell: string) =>
  cell
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A membership cell item, `key` or `key:endDate` (the last `:` separates the date). */
function membership(item: string): { association: string; endDate?: string } {
  const i = item.lastIndexOf(':');
  return i < 0 ? { association: item } : { association: item.slice(0, i), endDate: item.slice(i + 1) };
}

/**
 * A CSV row (strings) as the JSON record it stands for. Empty cells are "not given" and left out,
 * except under a column the entity does not have: that stays, so the schema names the field.
 * Cells that do not convert (`1.5` as an integer, `yes` as a boolean) stay strings and fail there.
 */
export function fromCsv(entity: ImportEntity, row: Record<string, string>): Record<string, unknown> {
  const kinds = CSV_KINDS[entity] ?? {};
  const known = FIELDS[entity];
  const out: Record<string, unknown> = {};
  for (const [field, cell] of Object.entries(row)) {
    if (cell === undefined || (cell === '' && known.has(field))) continue;
    const kind = kinds[field];
    if (kind === 'int') out[field] = /^\s*-?\d{1,15}\s*$/.test(cell) ? Number(cell) : cell;
    else if (kind === 'bool') out[field] = BOOLS.get(cell.trim().toLowerCase()) ?? cell;
    else if (kind === 'list') out[field] = cells(cell);
    else if (kind === 'memberships') out[field] = cells(cell).map(membership);
    else out[field] = cell;
  }
  return out;
}
