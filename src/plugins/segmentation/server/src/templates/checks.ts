/**
 * Template checks: `checkTemplate` refuses what cannot be saved (Liquid errors, unknown variables
 * or filters, missing parts, unsafe pure HTML); `templateWarnings` lists what deserves a second
 * look before sending.
 */
import type { Problem } from '../common/errors';
import { PERSONALISATION_VARIABLES } from '../../../shared/personalisation';
import { htmlSafetyProblems, linksIn, imagesWithoutAlt } from './html-policy';
import {
  CHECK_BUDGET_MS,
  RenderBudget,
  SAMPLE_UNSUBSCRIBE_URL,
  SAMPLE_VARIABLES,
  TEMPLATE_VARIABLES,
  TOO_MUCH_WORK,
  WorkLimitError,
  htmlEngine,
  splitLiquid,
  textEngine,
} from './personalise';
import type { RenderedMail, TemplateContent } from './render';

export interface Warning {
  code: string;
  field: string;
  message: string;
}

type LiquidField =
  'subject' | 'preheader' | 'html' | 'imageUrl' | 'imageAlt' | 'body' | 'buttonText' | 'buttonUrl' | 'text' | 'senderBlock' | 'place' | 'signature';
/** The Liquid fields of a letter and of an SMS (issue 20). */
const LETTER_FIELDS: LiquidField[] = ['subject', 'body', 'senderBlock', 'place', 'signature', 'imageAlt'];
const SMS_FIELDS: LiquidField[] = ['text'];
const LIQUID_FIELDS: LiquidField[] = ['subject', 'preheader', 'html', 'imageUrl', 'imageAlt', 'body', 'buttonText', 'buttonUrl'];
const LANGUAGES = ['nl', 'fr', 'en', 'de'];
const FILE_TAGS = ['include', 'render', 'layout'];
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);
/** The names error messages suggest: the Dutch ones (the English equivalents keep working). */
const VARIABLE_LIST = PERSONALISATION_VARIABLES.map((v) => v.dutch).join(', ');

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

type Described = Pick<Problem, 'message' | 'code' | 'params'>;

/** Where in a field a Liquid problem is: words for the message, numbers for the code's params. */
function located(line?: number | string, col?: number | string): { where: string; params: Record<string, number> } {
  if (line === undefined || col === undefined) return { where: '', params: {} };
  return { where: ` (line ${line}, column ${col})`, params: { line: Number(line), column: Number(col) } };
}

/** A liquidjs error ("undefined filter: x, line:1, col:4") in words for template authors, with a problem code. */
function describeLiquidError(err: unknown): Described {
  const raw = err instanceof Error ? err.message : String(err);
  const m = /^([\s\S]*?), line:(\d+), col:(\d+)/.exec(raw);
  const what = m ? m[1]! : raw;
  const { where, params } = located(m?.[2], m?.[3]);
  const filter = /^undefined filter: (\S+)$/.exec(what);
  if (filter)
    return {
      message: `Unknown filter '${filter[1]}'. Use a standard Liquid filter such as default, upcase, capitalize or date${where}.`,
      code: 'template.unknownFilter',
      params: { name: filter[1]!, ...params },
    };
  const tag = /^tag "(\S+)" not found$/.exec(what);
  if (tag && FILE_TAGS.includes(tag[1]!))
    return { message: `The '${tag[1]}' tag is not available in mails${where}.`, code: 'template.tagUnavailable', params: { name: tag[1]!, ...params } };
  if (tag) return { message: `Unknown tag '${tag[1]}'${where}.`, code: 'template.unknownTag', params: { name: tag[1]!, ...params } };
  const variable = /^undefined variable: (\S+)$/.exec(what);
  if (variable)
    return {
      message: `'${variable[1]}' does not exist${where}. Use one of: ${VARIABLE_LIST}.`,
      code: 'template.unknownVariable',
      params: { name: variable[1]!, variables: VARIABLE_LIST, ...params },
    };
  return { message: `Liquid error: ${what}${where}.`, code: 'template.liquidSyntax', params };
}

const tooMuchWork = (field: string): Problem => ({ path: [field], message: TOO_MUCH_WORK, code: 'template.tooMuchWork' });

/** Syntax, variables and filters of one field, then a trial render with sample holders (within `budget`). */
function liquidProblems(field: LiquidField, source: string, budget: RenderBudget): Problem[] {
  let parsed;
  try {
    parsed = textEngine.parse(source);
  } catch (err) {
    return [{ path: [field], ...describeLiquidError(err) }];
  }
  const globals = Object.entries(textEngine.analyzeSync(parsed, { partials: false }).globals);
  const unknown = globals.filter(([name]) => !KNOWN.has(name));
  if (unknown.length) {
    return unknown.map(([name, uses]) => {
      const loc = uses[0]?.location;
      const { where, params } = loc && source.includes('\n') ? located(loc.row, loc.col) : located();
      return {
        path: [field],
        message: `Unknown variable '${name}'${where}. Use one of: ${VARIABLE_LIST}.`,
        code: 'template.unknownVariable',
        params: { name, variables: VARIABLE_LIST, ...params },
      };
    });
  }
  for (const vars of SAMPLE_VARIABLES) {
    try {
      budget.render(textEngine, parsed, vars, field);
    } catch (err) {
      return [err instanceof WorkLimitError ? tooMuchWork(field) : { path: [field], ...describeLiquidError(err) }];
    }
  }
  return [];
}

/** A URL field: literally starting with http(s)://, well-formed once Liquid is filled in. */
function urlProblem(field: LiquidField, label: string, source: string): Problem | null {
  const url = source.trim();
  if (!/^https?:\/\//i.test(url)) return { path: [field], message: `${label} must start with https:// (or http://).`, code: 'template.urlScheme' };
  let probe: string;
  try {
    probe = splitLiquid(url)
      .map((s) => (s.liquid ? 'x' : s.text))
      .join('');
  } catch {
    return null; // the Liquid error is reported on its own
  }
  let valid = !/\s/.test(probe);
  try {
    valid = valid && new URL(probe).hostname.length > 0;
  } catch {
    valid = false;
  }
  return valid ? null : { path: [field], message: `${label} is not a valid web address.`, code: 'template.urlInvalid' };
}

/** Rendered with each sample holder, the pure HTML must link to the unsubscribe URL. */
function unsubscribeProblem(html: string, budget: RenderBudget): Problem | null {
  const message = 'The HTML must contain an unsubscribe link: <a href="{{ unsubscribeUrl }}">…</a>.';
  try {
    const parsed = htmlEngine.parse(html);
    const ok = SAMPLE_VARIABLES.every((vars) => linksIn(budget.render(htmlEngine, parsed, vars, 'html')).includes(SAMPLE_UNSUBSCRIBE_URL));
    return ok ? null : { path: ['html'], message, code: 'template.unsubscribeMissing' };
  } catch (err) {
    return err instanceof WorkLimitError ? tooMuchWork('html') : null; // Liquid errors are reported on their own
  }
}

function renderedSafetyProblems(html: string, budget: RenderBudget): string[] {
  try {
    const parsed = htmlEngine.parse(html);
    return SAMPLE_VARIABLES.flatMap((vars) => htmlSafetyProblems(budget.render(htmlEngine, parsed, vars, 'html')));
  } catch (err) {
    return err instanceof WorkLimitError ? [TOO_MUCH_WORK] : []; // Liquid errors are reported on their own
  }
}

/**
 * Each problem once, and "too much work" only where the budget ran out (the first report): every
 * render after that fails at once, in fields that may well be innocent.
 */
function tidy(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  let work = false;
  return problems.filter((p) => {
    const key = JSON.stringify([p.path, p.message]);
    if (seen.has(key) || (p.message === TOO_MUCH_WORK && work)) return false;
    seen.add(key);
    work ||= p.message === TOO_MUCH_WORK;
    return true;
  });
}

/** A letter or an SMS: the language, the required text and the Liquid of each field. */
function checkLetterOrSms(t: TemplateContent, channel: 'letter' | 'sms'): Problem[] {
  const problems: Problem[] = [];
  const budget = new RenderBudget(CHECK_BUDGET_MS);
  if (!LANGUAGES.includes(t.language))
    problems.push({ path: ['language'], message: `Language must be one of: ${LANGUAGES.join(', ')}.`, code: 'template.choose' });
  if (channel === 'sms' && !present(t.text)) problems.push({ path: ['text'], message: 'The SMS needs a text.', code: 'template.required' });
  if (channel === 'letter') {
    if (!present(t.subject)) problems.push({ path: ['subject'], message: 'A subject is required.', code: 'template.required' });
    if (!present(t.body)) problems.push({ path: ['body'], message: 'The letter needs a text.', code: 'template.required' });
  }
  for (const field of channel === 'sms' ? SMS_FIELDS : LETTER_FIELDS) {
    const source = t[field];
    if (present(source)) problems.push(...liquidProblems(field, source, budget));
  }
  return tidy(problems);
}

/** Save-time validation; an empty list means the template can be saved. All trial renders share one time budget. */
export function checkTemplate(t: TemplateContent): Problem[] {
  if (t.channel === 'letter' || t.channel === 'sms') return checkLetterOrSms(t, t.channel);
  const problems: Problem[] = [];
  const budget = new RenderBudget(CHECK_BUDGET_MS);
  if (t.format !== 'house' && t.format !== 'html') problems.push({ path: ['format'], message: "Format must be 'house' or 'html'.", code: 'template.choose' });
  if (!LANGUAGES.includes(t.language))
    problems.push({ path: ['language'], message: `Language must be one of: ${LANGUAGES.join(', ')}.`, code: 'template.choose' });
  if (!present(t.subject)) problems.push({ path: ['subject'], message: 'A subject is required.', code: 'template.required' });

  for (const field of LIQUID_FIELDS) {
    const source = t[field];
    if (present(source)) problems.push(...liquidProblems(field, source, budget));
  }

  if (t.format === 'house' && !present(t.body)) problems.push({ path: ['body'], message: 'A house-style mail needs a text.', code: 'template.required' });
  if (t.format === 'html') {
    if (!present(t.html)) {
      problems.push({ path: ['html'], message: 'A pure HTML mail needs its HTML.', code: 'template.required' });
    } else {
      const unsafe = new Set([...htmlSafetyProblems(t.html), ...renderedSafetyProblems(t.html, budget)]);
      problems.push(
        ...[...unsafe].map((message) =>
          message === TOO_MUCH_WORK ? tooMuchWork('html') : { path: ['html'], message, code: 'template.unsafeHtml', params: { detail: message } },
        ),
      );
      const unsubscribe = unsafe.size ? null : unsubscribeProblem(t.html, budget);
      if (unsubscribe) problems.push(unsubscribe);
    }
  }

  const hasText = present(t.buttonText);
  const hasUrl = present(t.buttonUrl);
  if (hasText && !hasUrl)
    problems.push({
      path: ['buttonUrl'],
      message: 'A button needs a link: fill in both the button text and its link, or neither.',
      code: 'template.buttonNeedsLink',
    });
  if (hasUrl && !hasText)
    problems.push({
      path: ['buttonText'],
      message: 'A button needs a text: fill in both the button text and its link, or neither.',
      code: 'template.buttonNeedsText',
    });
  if (hasUrl) {
    const p = urlProblem('buttonUrl', 'The button link', t.buttonUrl!);
    if (p) problems.push(p);
  }
  if (present(t.imageUrl)) {
    const p = urlProblem('imageUrl', 'The image address', t.imageUrl);
    if (p) problems.push(p);
  }
  return tidy(problems);
}

const GMAIL_CLIP_WARNING_BYTES = 100 * 1024;
const normalise = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Things worth a second look before sending; none of them blocks a send. */
export function templateWarnings(t: TemplateContent, rendered: RenderedMail): Warning[] {
  const warnings: Warning[] = [];
  const subject = normalise(rendered.subject);
  const preheader = normalise(rendered.preheader);
  if (!present(t.preheader)) {
    warnings.push({
      code: 'preheader-missing',
      field: 'preheader',
      message: 'There is no preheader: mail clients will show the start of the mail as preview text.',
    });
  } else if (subject && preheader && (subject.startsWith(preheader) || preheader.startsWith(subject))) {
    warnings.push({
      code: 'preheader-repeats-subject',
      field: 'preheader',
      message: 'The preheader repeats the subject; use it to add something the subject does not say.',
    });
  }
  if (t.format === 'house' && present(t.imageUrl) && !present(t.imageAlt)) {
    warnings.push({
      code: 'image-alt-missing',
      field: 'imageAlt',
      message: 'The image has no alt text: readers with images off or a screen reader will miss it.',
    });
  }
  if (t.format === 'html' && imagesWithoutAlt(rendered.html) > 0) {
    warnings.push({ code: 'image-alt-missing', field: 'html', message: 'Some images in the HTML have no alt attribute.' });
  }
  const bytes = Buffer.byteLength(rendered.html, 'utf8');
  if (bytes > GMAIL_CLIP_WARNING_BYTES) {
    const kb = Math.ceil(bytes / 1024);
    warnings.push({
      code: 'html-too-large',
      field: t.format === 'html' ? 'html' : 'body',
      message: `The mail is ${kb} KB of HTML; Gmail cuts off mails over 102 KB (and hides the unsubscribe link).`,
    });
  }
  if (present(t.buttonUrl) && !/^https:\/\//i.test(t.buttonUrl.trim())) {
    warnings.push({ code: 'button-not-https', field: 'buttonUrl', message: 'The button link does not use https://.' });
  }
  return warnings;
}
