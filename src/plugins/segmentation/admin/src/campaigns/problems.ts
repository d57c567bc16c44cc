/**
 * What the server says to the mailing pages, in the UI's language: each known refusal of the
 * campaigns API (its message, status or field) is mapped to a problem code with a text in
 * translations/*.json that says what to do and names the field by its label, never its path.
 * The API itself keeps its English messages and paths (the token API's contract).
 */
type T = (id: string, values?: Record<string, string | number>) => string;

interface ServerError {
  status?: number;
  message?: string;
  errors: { path: (string | number)[]; message: string }[];
}

function serverError(error: unknown): ServerError {
  const e = error as
    | {
        status?: number;
        response?: { status?: number; data?: { error?: { status?: number; message?: string; details?: { errors?: ServerError['errors'] } } } };
      }
    | undefined;
  const body = e?.response?.data?.error;
  return { status: body?.status ?? e?.response?.status ?? e?.status, message: body?.message, errors: body?.details?.errors ?? [] };
}

/** Known server messages (campaigns service, worker, scheduling) -> problem code. */
const MESSAGES: [RegExp, string][] = [
  [/cannot be edited|audience cannot be changed/, 'notEditable'],
  [/^Generate the audience first/, 'notGenerated'],
  [/^Set the audience steps first/, 'noSteps'],
  [/audience was generated again meanwhile/, 'audienceChanged'],
  [/cannot be marked done/, 'notSent'],
  [/campaign cannot be (started|paused|resumed|cancelled|scheduled|unscheduled)/, 'wrongStatus'],
  [/^Choose a segment first/, 'noSegment'],
  [/^Choose a template first/, 'noTemplate'],
  [/approved sender/, 'noSender'],
  [/^Nobody to send to/, 'nobody'],
  [/^Unknown segment/, 'unknownSegment'],
  [/^Unknown template/, 'unknownTemplate'],
  [/belongs to card system/, 'otherPartner'],
  [/^Invalid template/, 'templateInvalid'],
  [/may no longer send/, 'schedulerNoRight'],
  [/does too much work/, 'templateInvalid'],
  [/^Campaign not found/, 'notFound'],
  [/SMTP|ECONNREFUSED|ETIMEDOUT|connect|Greeting|authentication/i, 'smtp'],
];
/** Field messages -> problem code (with the field's label). */
const FIELD_MESSAGES: [RegExp, string][] = [
  [/is required|expected string, received undefined|Too small/i, 'required'],
  [/^No (segment|template) .* that you may use/, 'unknownChoice'],
  [/same card system/, 'otherPartner'],
  [/approved sender/, 'noSender'],
  [/A campaign needs a segment/, 'noSegment'],
  [/A campaign needs a template/, 'noTemplate'],
  [/No recipients after exclusions/, 'nobody'],
];

const codeOf = (message: string | undefined, table: [RegExp, string][]) => (message ? table.find(([re]) => re.test(message))?.[1] : undefined);

/** A field's label on the mailing pages (falls back to a generic word, never the path). */
function labelOf(t: T, key: string, labels: Record<string, string>): string {
  if (labels[key]) return labels[key]!;
  const id = `campaign.field.${key}`;
  const label = t(id);
  return label === id ? t('campaign.problem.thisField') : label;
}

/** One message for a failed call: by status, then by the server's message, then by its first field. */
export function problemText(error: unknown, t: T, fallbackKey = 'campaign.error.generic', labels: Record<string, string> = {}): string {
  const e = serverError(error);
  if (e.status === 429) return t('campaign.problem.rateLimited');
  if (e.status === 401) return t('campaign.problem.loggedOut');
  if (e.status === 403) return t('campaign.problem.forbidden');
  if (e.status === 404) return t('campaign.problem.notFound');
  const code = codeOf(e.message, MESSAGES);
  if (code) return t(`campaign.problem.${code}`);
  const first = e.errors[0];
  if (first) return fieldText(t, String(first.path[0] ?? ''), first.message, labels);
  return t(fallbackKey);
}

function fieldText(t: T, key: string, message: string, labels: Record<string, string>): string {
  const code = codeOf(message, FIELD_MESSAGES) ?? 'invalid';
  return t(`campaign.problem.field.${code}`, { field: labelOf(t, key, labels) });
}

/** Per-field messages of a failed call (keyed by the field, as the form shows them). */
export function problemFields(error: unknown, t: T, labels: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of serverError(error).errors) {
    const key = String(item.path?.[0] ?? '');
    if (key && !out[key]) out[key] = fieldText(t, key, item.message, labels);
  }
  return out;
}

/** A mailing's last error (written by the sending worker) in words; the technical text stays available. */
export function lastErrorText(lastError: string, t: T): string {
  const code = codeOf(lastError, MESSAGES);
  return code ? t(`campaign.problem.${code}`) : t('campaign.problem.sendFailed');
}
