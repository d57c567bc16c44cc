/**
 * Issue 16 (6): the render work of a template is bounded. Renders are synchronous, so a template
 * looping 10,000 × 10,000 times used to hold the event loop for a second per preview; now a
 * save-time check and each mail stop at a small time and memory budget, with a clear message.
 */
import { performance } from 'perf_hooks';
import { checkTemplate } from '../../src/plugins/segmentation/server/src/templates/checks';
import { CHECK_BUDGET_MS, MAIL_BUDGET_MS, TOO_MUCH_WORK, WorkLimitError } from '../../src/plugins/segmentation/server/src/templates/personalise';
import { compileTemplate, type TemplateContent } from '../../src/plugins/segmentation/server/src/templates/render';
import { inRenderLane } from '../../src/plugins/segmentation/server/src/templates/lane';

const NESTED = '{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}';
const UNSUBSCRIBE = '<a href="{{ unsubscribeUrl }}">Uitschrijven</a>';
const house: TemplateContent = { subject: 'Hoi {{ firstName }}', format: 'house', body: 'Dag {{ firstName }}', language: 'nl' };
const pure = (body: string): TemplateContent => ({ subject: 'Hoi', format: 'html', html: `<html><body>${body}${UNSUBSCRIBE}</body></html>`, language: 'nl' });
const holder = { uid: 'u1', firstName: 'An', lastName: 'P', email: null, points: 3, language: 'nl', cardSystem: null };
// Slack for a loaded machine (the tests share 2 cores), still far below the second it took before.
const SLACK_MS = 150;

const timed = <T>(fn: () => T): { value: T; ms: number } => {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
};

describe('save-time checks stop at the work budget', () => {
  test.each([
    ['html', pure(NESTED)],
    ['body', { ...house, body: NESTED }],
    ['subject', { ...house, subject: `Hoi ${NESTED}` }],
  ] as const)('a nested 10,000 × 10,000 loop in %s is refused quickly, naming the field', (field, template) => {
    const { value, ms } = timed(() => checkTemplate(template));
    expect(value).toEqual([{ path: [field], message: TOO_MUCH_WORK, code: 'template.tooMuchWork' }]);
    expect(ms).toBeLessThan(CHECK_BUDGET_MS + SLACK_MS);
  });

  test('the budget is shared: heavy loops in every field still stop within one budget', () => {
    const loop = '{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}';
    const template: TemplateContent = {
      ...house,
      subject: loop,
      preheader: loop,
      body: loop,
      buttonText: loop,
      buttonUrl: `https://x.test/${loop}`,
      imageAlt: loop,
    };
    const { value, ms } = timed(() => checkTemplate(template));
    expect(value.map((p) => p.message)).toContain(TOO_MUCH_WORK);
    expect(ms).toBeLessThan(CHECK_BUDGET_MS + SLACK_MS);
  });

  test('a huge range or a string doubled until it is huge hits the memory limit at once', () => {
    for (const body of [
      '{% for i in (1..100000000) %}{% endfor %}',
      '{% capture s %}xxxxxxxx{% endcapture %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s }}',
    ]) {
      const { value, ms } = timed(() => checkTemplate({ ...house, body }));
      expect(value).toEqual([{ path: ['body'], message: TOO_MUCH_WORK, code: 'template.tooMuchWork' }]);
      expect(ms).toBeLessThan(SLACK_MS);
    }
  });

  test('ordinary loops are fine', () => {
    expect(checkTemplate({ ...house, body: 'Dag {{ firstName }}: {% for i in (1..200) %}{{ i }} {% endfor %}' })).toEqual([]);
  });
});

describe('a mail render stops at its budget', () => {
  test('a template that does too much work throws a WorkLimitError naming the part, quickly', async () => {
    const compiled = await compileTemplate(pure(NESTED));
    const { value: error, ms } = timed(() => {
      try {
        compiled.render(holder, { unsubscribeUrl: 'https://x.test/u' });
        return null;
      } catch (err) {
        return err;
      }
    });
    expect(error).toBeInstanceOf(WorkLimitError);
    expect(error).toMatchObject({ part: 'html', message: TOO_MUCH_WORK });
    expect(ms).toBeLessThan(MAIL_BUDGET_MS + SLACK_MS);
  });
});

describe('the render lane', () => {
  test('runs one job per event-loop turn: what is due meanwhile runs between two jobs', async () => {
    const order: string[] = [];
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const first = inRenderLane(() => {
      setTimeout(() => order.push('timer'), 0);
      busy(30);
      order.push('first');
    });
    const second = inRenderLane(() => order.push('second'));
    const failing = inRenderLane(() => {
      throw new WorkLimitError('html');
    });
    await Promise.all([first, second, expect(failing).rejects.toBeInstanceOf(WorkLimitError)]);
    expect(order).toEqual(['first', 'timer', 'second']);
  });
});
