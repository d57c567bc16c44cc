/**
 * The pure-HTML policy: nothing that can run script is accepted. The HTML is parsed with real
 * parsers (parse5, the WHATWG algorithm browsers follow, and htmlparser2) with its Liquid replaced
 * by placeholders, so Liquid can only sit in text and attribute values, never in a tag or
 * attribute name (where it could assemble `<script>`).
 */
import { Parser } from 'htmlparser2';
import { parse as parseDocument, type DefaultTreeAdapterMap } from 'parse5';
import { Placeholders } from './personalise';

const REFUSED_TAGS: Record<string, string> = {
  script: 'mails must not run scripts',
  iframe: 'embedded pages can run scripts',
  // Raw-text and legacy elements: parsers disagree on where their content ends, so markup inside
  // them can be text to one reader and a live element (e.g. <img onerror>) to another.
  noembed: 'its content is read differently by different HTML parsers',
  noframes: 'its content is read differently by different HTML parsers',
  noscript: 'its content is read differently by different HTML parsers',
  xmp: 'its content is read differently by different HTML parsers',
  plaintext: 'its content is read differently by different HTML parsers',
  template: 'its content is read differently by different HTML parsers',
  frame: 'embedded pages can run scripts',
  frameset: 'embedded pages can run scripts',
  object: 'embedded objects can run scripts',
  embed: 'embedded objects can run scripts',
  applet: 'embedded objects can run scripts',
  portal: 'embedded pages can run scripts',
  form: 'forms are not allowed in mails',
  input: 'forms are not allowed in mails',
  button: 'forms are not allowed in mails (use a link styled as a button)',
  textarea: 'forms are not allowed in mails',
  select: 'forms are not allowed in mails',
  base: 'it changes where every link goes',
  svg: 'inline SVG can carry scripts (use an image instead)',
  math: 'inline MathML is not supported in mails',
};

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'background',
  'poster',
  'cite',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'data',
  'codebase',
  'xlink:href',
  'srcset',
]);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'cid']);
const UNSUBSCRIBE_OUTPUT = /^\{\{-?\s*unsubscribeUrl\s*-?\}\}$/;
const UNSAFE_CSS = /expression\s*\(|javascript\s*:|vbscript\s*:|-moz-binding|behavior\s*:/i;

/** Problems with one URL attribute value, `null` when it is fine. */
function urlProblem(tag: string, attr: string, value: string, ph: Placeholders | null): string | null {
  // Browsers ignore control characters and whitespace in URLs ("java\tscript:" is "javascript:").
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
  const url = value.replace(/[\u0000-\u0020\u007f]/g, '');
  if (ph) {
    const first = new RegExp(`^${ph.pattern.source}`, 'i').exec(url);
    if (first) {
      return UNSUBSCRIBE_OUTPUT.test(ph.tokenOf(first[0]) ?? '')
        ? null
        : `The link in <${tag} ${attr}> starts with Liquid; only {{ unsubscribeUrl }} may do that. Start other links with https://.`;
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || SAFE_SCHEMES.has(scheme)) return null;
  if (scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data') return `${scheme}: URLs are not allowed (in <${tag} ${attr}>).`;
  return `The link in <${tag} ${attr}> must start with https://, http://, mailto: or tel:.`;
}

/** The policy's checks per element, fed by each parser's view of the document. */
function policyChecker(ph: Placeholders | null) {
  const problems = new Set<string>();
  const hasLiquid = (s: string) => ph !== null && ph.contains(s);
  return {
    problems,
    tagName(name: string) {
      if (hasLiquid(name)) problems.add('Liquid is not allowed inside a tag name.');
      const reason = REFUSED_TAGS[name];
      if (reason) problems.add(`<${name}> is not allowed: ${reason}.`);
    },
    attribute(tag: string, name: string, value: string) {
      if (hasLiquid(name)) problems.add(`Liquid is not allowed inside an attribute name (in <${tag}>).`);
      if (/^on/i.test(name)) problems.add(`Event-handler attributes such as ${name}= are not allowed (in <${tag}>): mails must not run scripts.`);
      if (name === 'srcdoc') problems.add(`The srcdoc attribute is not allowed (in <${tag}>).`);
      if (name === 'style' && UNSAFE_CSS.test(value)) problems.add(`This style attribute can run script (in <${tag}>).`);
      if (URL_ATTRIBUTES.has(name)) {
        const urls = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
        for (const url of urls) {
          const p = urlProblem(tag, name, url, ph);
          if (p) problems.add(p);
        }
      }
    },
    element(name: string, attribs: Record<string, string>) {
      if (name === 'meta' && /refresh/i.test(attribs['http-equiv'] ?? '')) problems.add('<meta http-equiv="refresh"> is not allowed.');
      if (name === 'link' && !/^\s*stylesheet\s*$/i.test(attribs.rel ?? '')) problems.add('<link> is only allowed for style sheets (rel="stylesheet").');
    },
    style(text: string) {
      if (UNSAFE_CSS.test(text)) problems.add('This <style> can run script.');
    },
  };
}
type PolicyChecker = ReturnType<typeof policyChecker>;

/** The document as htmlparser2 reads it (every attribute, duplicates too). */
function scanWithHtmlparser2(source: string, check: PolicyChecker): void {
  let inStyle = false;
  let styleText = '';
  let tag = '';
  const parser = new Parser(
    {
      onopentagname(name) {
        tag = name;
        check.tagName(name);
        inStyle = name === 'style';
        styleText = '';
      },
      onattribute: (name, value) => check.attribute(tag, name, value),
      onopentag: (name, attribs) => check.element(name, attribs),
      ontext(text) {
        if (inStyle) styleText += text; // text may come in chunks
      },
      onclosetag() {
        if (inStyle) check.style(styleText);
        inStyle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(source);
}

type Parse5Node = DefaultTreeAdapterMap['node'];

/** The document as a browser builds it (parse5: the WHATWG HTML parsing algorithm), every element of it. */
function scanWithParse5(source: string, check: PolicyChecker): void {
  const stack: Parse5Node[] = [parseDocument(source, { scriptingEnabled: true })];
  while (stack.length) {
    const node = stack.pop()!;
    if ('tagName' in node) {
      const name = node.tagName;
      check.tagName(name);
      const attribs: Record<string, string> = {};
      for (const a of node.attrs) {
        const attr = a.prefix ? `${a.prefix}:${a.name}` : a.name;
        check.attribute(name, attr, a.value);
        attribs[attr] ??= a.value;
      }
      check.element(name, attribs);
      if (name === 'style') check.style(node.childNodes.map((c) => ('value' in c && c.nodeName === '#text' ? c.value : '')).join(''));
      if (name === 'template') stack.push((node as DefaultTreeAdapterMap['template']).content);
    }
    if ('childNodes' in node) stack.push(...node.childNodes);
  }
}

/**
 * The problems of an HTML document under the policy, as messages (empty = acceptable). The HTML is
 * read by two parsers, so that markup which one parser sees as harmless text and the other as an
 * element (e.g. inside raw-text elements or odd comments) cannot slip through; raw-text and legacy
 * elements whose content parsers read differently are refused outright.
 */
export function htmlSafetyProblems(html: string): string[] {
  let ph: Placeholders | null = new Placeholders();
  let source: string;
  try {
    source = ph.prepare(html, (literal) => literal);
  } catch {
    ph = null; // unbalanced Liquid: reported as a Liquid error; still scan the markup as it is
    source = html;
  }
  const check = policyChecker(ph);
  scanWithHtmlparser2(source, check);
  scanWithParse5(source, check);
  return [...check.problems];
}

/** The `href`s of all `<a>` elements, entities decoded. */
export function linksIn(html: string): string[] {
  const links: string[] = [];
  new Parser({ onopentag: (name, attribs) => void (name === 'a' && attribs.href !== undefined && links.push(attribs.href.trim())) }).end(html);
  return links;
}

/** How many `<img>` elements lack an alt attribute (an empty alt marks a decorative image: fine). */
export function imagesWithoutAlt(html: string): number {
  let count = 0;
  new Parser({ onopentag: (name, attribs) => void (name === 'img' && attribs.alt === undefined && count++) }).end(html);
  return count;
}
