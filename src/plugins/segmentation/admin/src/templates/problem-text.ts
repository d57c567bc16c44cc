/**
 * Server problems about templates in the user's language: each coded problem (`template.*`, see
 * server/src/templates/checks.ts) as `mail.problem.<code>` with the field named by its label, never
 * by its path; the English server message only for a problem without a code.
 */
import { problemOf, type ApiProblem, type FieldErrors, type ProblemItem } from './errors';
import { useT } from '../utils/useT';

/** The plugin's translate function (useT): the key itself when there is no text. */
export type Translate = (id: string, values?: Record<string, string | number>) => string;

/** The failed call with its field messages and its summary in the language of `t`. */
export function templateProblem(error: unknown, t: Translate): ApiProblem {
  const label = (item: ProblemItem) => {
    const key = `mail.field.${String(item.path[0] ?? '')}`;
    const text = t(key);
    return text === key ? '' : text;
  };
  const describe = (item: ProblemItem): string => {
    if (!item.code) return item.message;
    const key = `mail.problem.${item.code}`;
    const text = t(key, { ...item.params, field: label(item) });
    if (text === key) return item.message;
    const at = item.params?.line !== undefined ? ` ${t('mail.problem.at', { line: item.params.line, column: item.params.column ?? '' })}` : '';
    return text + at;
  };
  const problem = problemOf(error);
  if (!problem.items.length) return problem;
  const fields: FieldErrors = {};
  for (const item of problem.items) {
    const key = String(item.path[0]);
    const text = describe(item);
    fields[key] = fields[key] ? `${fields[key]}; ${text}` : text;
  }
  const [first] = problem.items;
  const field = label(first!) || t('mail.problem.thisField');
  const message = t('mail.problem.summary', { field, text: describe(first!), more: problem.items.length - 1 });
  return { ...problem, fields, message };
}

export function useTemplateProblem() {
  const t = useT();
  return (error: unknown): ApiProblem => templateProblem(error, t);
}
