/**
 * Personalisation with Liquid: the strictly configured engines, the variables a mail may use and
 * the placeholder machinery that lets a template go through MJML and html-to-text once while its
 * Liquid tags stay intact (see render.ts).
 */
import { randomBytes } from 'crypto';
import { performance } from 'perf_hooks';
import { Liquid, Tokenizer, TokenKind, type Template } from 'liquidjs';
import type { MailLinks, Recipient } from './render';
import { escapeHtml } from '../common/html';
import { ALL_VARIABLE_NAMES, EMPTY_MESSAGE_VARIABLES, withDutchNames, type DutchVariable, type EnglishVariable } from '../../../shared/personalisation';

/** Every variable a template may use: the Dutch names (voornaam, naam, punten, …) and their English equivalents. */
export const TEMPLATE_VARIABLES: readonly string[] = ALL_VARIABLE_NAMES;
export type TemplateVariable = EnglishVariable | DutchVariable;
export type TemplateVariables = Record<TemplateVariable, string | number | null>;

/** Tags that read files; mails have no files to read. */
const FILE_TAGS = ['include', 'render', 'layout'];

/**
 * Render work is bounded, so one template cannot hold the event loop (renders are synchronous):
 * all the trial renders of one save-time check share CHECK_BUDGET_MS, the four parts of one mail
 * (subject, preheader, HTML, text) share MAIL_BUDGET_MS, and every render may allocate at most
 * MEMORY_LIMIT units (liquidjs counts ranges, string filters and output).
 */
export const CHECK_BUDGET_MS = 100;
// A mail gets more room than a check: a busy worker (GC pauses, a loaded machine) must not fail a normal mail.
export const MAIL_BUDGET_MS = 500;
const MEMORY_LIMIT = 1_000_000;
/** Characters one rendered part may have (the HTML field itself may have 500,000). */
const MAX_OUTPUT = 2_000_000;
export const TOO_MUCH_WORK = 'The template does too much work (loops too long or too deeply nested, or text built up too large); simplify it.';

function createEngine(escapeHtml: boolean): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    templates: {}, // in-memory lookup with nothing in it: never touch the file system
    outputEscape: escapeHtml ? 'escape' : undefined,
    parseLimit: 5_000_000,
    renderLimit: MAIL_BUDGET_MS,
    memoryLimit: MEMORY_LIMIT,
  });
  for (const tag of FILE_TAGS) delete engine.tags[tag];
  engine.unregisterFilter('raw'); // `| raw` would bypass the HTML escaping of output
  return engine;
}

/** Renders subject, preheader and plain text: output as-is. */
export const textEngine = createEngine(false);
/** Renders the HTML part: every `{{ output }}` is HTML-escaped. */
export const htmlEngine = createEngine(true);

/** A render stopped by a work limit (time or memory); `part` names what was being rendered. */
export class WorkLimitError extends Error {
  constructor(readonly part: string) {
    super(TOO_MUCH_WORK);
    this.name = 'WorkLimitError';
  }
}

/** Did liquidjs stop a render at one of its limits (or the text outgrow what V8 allows)? */
const isLimitError = (err: unknown): boolean =>
  /\b(template render|memory alloc|parse length) limit exceeded\b|Invalid (string|array) length/.test(err instanceof Error ? err.message : '');

/** A render time budget shared by several renders: each may use what the ones before it left. */
export class RenderBudget {
  private readonly deadline: number;
  constructor(ms: number) {
    this.deadline = performance.now() + ms;
  }

  /** Renders `tpl` within what is left of the budget; a work limit becomes a WorkLimitError naming `part`. */
  render(engine: Liquid, tpl: Template[], vars: object, part: string): string {
    const left = Math.floor(this.deadline - performance.now());
    if (left < 1) throw new WorkLimitError(part);
    let out: string;
    try {
      out = engine.renderSync(tpl, vars, { renderLimit: left });
    } catch (err) {
      throw isLimitError(err) ? new WorkLimitError(part) : err;
    }
    if (out.length > MAX_OUTPUT) throw new WorkLimitError(part);
    return out;
  }
}

/** The Liquid context of one mail: each value under its English and its Dutch name. */
export function variablesOf(recipient: Recipient, links: MailLinks): TemplateVariables {
  // Event-message variables are empty here; an event message's mailing has them filled in its snapshot (events/message-text.ts).
  return {
    ...EMPTY_MESSAGE_VARIABLES,
    ...withDutchNames<string | number | null>({
      firstName: recipient.firstName,
      lastName: recipient.lastName,
      points: recipient.points,
      uid: recipient.uid,
      email: recipient.email,
      cardSystem: recipient.cardSystem?.name ?? null,
      language: recipient.language,
      unsubscribeUrl: links.unsubscribeUrl,
    }),
  };
}

/** Two made-up holders, one complete and one with every optional field empty, for save-time checks. */
export const SAMPLE_UNSUBSCRIBE_URL = 'https://example.invalid/unsubscribe/sample';
export const SAMPLE_VARIABLES: TemplateVariables[] = [
  {
    ...EMPTY_MESSAGE_VARIABLES,
    ...withDutchNames<string | number | null>({
      firstName: 'An',
      lastName: 'Peeters',
      points: 12,
      uid: 'sample-uid',
      email: 'an@example.invalid',
      cardSystem: 'UiTPAS Gent',
      language: 'nl',
      unsubscribeUrl: SAMPLE_UNSUBSCRIBE_URL,
    }),
  },
  {
    ...EMPTY_MESSAGE_VARIABLES,
    ...withDutchNames<string | number | null>({
      firstName: null,
      lastName: null,
      points: 0,
      uid: 'sample-uid-2',
      email: null,
      cardSystem: null,
      language: null,
      unsubscribeUrl: SAMPLE_UNSUBSCRIBE_URL,
    }),
  },
];

export interface Segment {
  liquid: boolean;
  /** The source text: literal text, or a whole `{{ … }}` / `{% … %}` token. */
  text: string;
}

/** Splits a Liquid source into literal text and Liquid tokens. Throws on a tokenization error. */
export function splitLiquid(source: string): Segment[] {
  const tokens = new Tokenizer(source).readTopLevelTokens(textEngine.options);
  return tokens.map((t) => ({ liquid: t.kind !== TokenKind.HTML, text: t.getText() }));
}

/**
 * Stands in for Liquid tokens with opaque uppercase words that survive MJML and html-to-text
 * unchanged, then puts the Liquid back. The nonce makes a clash with user text impossible.
 */
export class Placeholders {
  private readonly nonce = randomBytes(5).toString('hex').toUpperCase();
  private readonly tokens: string[] = [];
  readonly pattern = new RegExp(`ZL${this.nonce}X(\\d+|LB|RB)XZ`, 'gi');
  private readonly lb = `ZL${this.nonce}XLBXZ`;
  private readonly rb = `ZL${this.nonce}XRBXZ`;

  /** Registers a Liquid token and returns its placeholder. */
  liquid(token: string): string {
    this.tokens.push(token);
    return `ZL${this.nonce}X${this.tokens.length - 1}XZ`;
  }

  /** A Liquid source as HTML-safe text (literal parts escaped with `escape`, Liquid as placeholders). */
  prepare(source: string, escape: (text: string) => string = escapeHtml): string {
    return splitLiquid(source)
      .map((s) => (s.liquid ? this.liquid(s.text) : escape(s.text)))
      .join('');
  }

  /** The Liquid token behind a placeholder, if it is one of ours. */
  tokenOf(placeholder: string): string | undefined {
    const m = new RegExp(`^ZL${this.nonce}X(\\d+)XZ$`, 'i').exec(placeholder);
    return m ? this.tokens[Number(m[1])] : undefined;
  }

  contains(text: string): boolean {
    return new RegExp(this.pattern.source, 'i').test(text);
  }

  /** Puts the Liquid back into compiled HTML. */
  toLiquidHtml(html: string): string {
    return html.replace(this.pattern, (_, id: string) => this.restore(id, '&#123;', '&#125;'));
  }

  /** Puts the Liquid back into plain text; literal braces stay placeholders until `finishText`. */
  toLiquidText(text: string): string {
    return text.replace(/[{}]/g, (c) => (c === '{' ? this.lb : this.rb)).replace(this.pattern, (_, id: string) => this.restore(id, this.lb, this.rb));
  }

  finishText(rendered: string): string {
    return rendered.split(this.lb).join('{').split(this.rb).join('}');
  }

  /** Indexes of `{% tag %}` placeholders (structure, unlike outputs, must not get lost). */
  tagIds(): number[] {
    return this.tokens.flatMap((t, i) => (t.startsWith('{%') ? [i] : []));
  }

  placeholderOf(id: number): string {
    return `ZL${this.nonce}X${id}XZ`;
  }

  private restore(id: string, lb: string, rb: string): string {
    const upper = id.toUpperCase();
    if (upper === 'LB') return lb;
    if (upper === 'RB') return rb;
    return this.tokens[Number(id)] ?? '';
  }
}
