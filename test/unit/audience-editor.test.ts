/** The audience page's step editor state: steps in -> form -> the same steps out; moves; refusals as messages at their step; history words. */
import fs from 'fs';
import path from 'path';
import {
  move,
  newStep,
  parseUids,
  sameDraft,
  stepProblems,
  toDraft,
  toInput,
  type DraftStep,
} from '../../src/plugins/segmentation/admin/src/audiences/steps-state';
import { outcomeWords } from '../../src/plugins/segmentation/admin/src/holders/history-words';
import type { Audience } from '../../src/plugins/segmentation/admin/src/audiences/types';

const audience: Audience = {
  steps: [
    { index: 0, source: 'segment', mode: 'add', segment: 'seg1' },
    { index: 1, source: 'uids', mode: 'remove', uids: ['a', 'b'] },
    { index: 2, source: 'campaign', mode: 'add', campaign: 'm1', outcome: 'notOpened' },
    { index: 3, source: 'list', mode: 'add', list: 'k1' },
    { index: 4, source: 'definition', mode: 'add', definition: { version: 1, groups: [] } },
  ],
  manual: [],
  waveGroup: 'Zomer',
  leaveOutEarlier: true,
  generated: null,
};

const refusal = (status: number, paths: (string | number)[][]) => ({
  response: { data: { error: { status, message: 'x', details: { errors: paths.map((path) => ({ path, message: 'm' })) } } } },
});

describe('steps to and from the form', () => {
  test('the steps come back out as they went in', () => {
    expect(toInput(toDraft(audience))).toEqual({
      steps: [
        { mode: 'add', segment: 'seg1' },
        { mode: 'remove', uids: ['a', 'b'] },
        { mode: 'add', campaign: 'm1', outcome: 'notOpened' },
        { mode: 'add', list: 'k1' },
        { mode: 'add', definition: { version: 1, groups: [] } },
      ],
      waveGroup: 'Zomer',
      leaveOutEarlier: true,
    });
  });

  test('without a wave group nobody is left out; a step without a value has no source', () => {
    const draft = { ...toDraft(audience), waveGroup: '  ', steps: [newStep('add')] };
    expect(toInput(draft)).toEqual({ steps: [{ mode: 'add' }], waveGroup: null, leaveOutEarlier: false });
  });

  test('UIDs typed on lines, with commas or semicolons, duplicates once', () => {
    expect(parseUids(' a\nb, c;a  d\n\n')).toEqual(['a', 'b', 'c', 'd']);
  });

  test('moving a step up and down, not past the ends; the order is part of the draft', () => {
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    const d = toDraft(audience);
    expect(sameDraft(d, { ...d, steps: move(d.steps, 0, 1) })).toBe(false);
    expect(sameDraft(d, toDraft(audience))).toBe(true);
  });
});

describe('refusals at their step', () => {
  const steps: DraftStep[] = [
    { ...newStep('add', 'segment') },
    { ...newStep('remove', 'uids'), uids: 'u1\nu2\nu3' },
    { ...newStep('add', 'campaign'), campaign: 'm1' },
  ];

  test('a 400: the missing source, the unknown UID named, an unknown mailing; a problem outside the steps apart', () => {
    const p = stepProblems(refusal(400, [['steps', 0], ['steps', 1, 'uids', 2], ['steps', 2, 'campaign'], ['steps']]), steps);
    expect(p.steps).toEqual({
      0: [{ id: 'audience.problem.missing.segment' }],
      1: [{ id: 'audience.problem.uid', values: { uid: 'u3' } }],
      2: [{ id: 'audience.problem.campaign' }],
    });
    expect(p.general).toEqual([{ id: 'audience.problem.steps' }]);
  });

  test('a 409: the source repeats an earlier step', () => {
    expect(stepProblems(refusal(409, [['steps', 2, 'campaign']]), steps).steps).toEqual({ 2: [{ id: 'audience.problem.repeated.campaign' }] });
  });

  test('a 404 without details: said once, above the steps', () => {
    const p = stepProblems({ response: { data: { error: { status: 404, message: 'Not Found' } } } }, steps);
    expect(p).toEqual({ steps: {}, general: [{ id: 'audience.problem.notFound' }] });
  });
});

test('a history entry in words: status, the flags set, then done', () => {
  const item = {
    mailing: { documentId: 'd', name: 'M', otherPartner: false, done: true },
    channel: 'email',
    sentAt: null,
    status: 'sent',
    delivered: true,
    opened: true,
    clicked: false,
    bounced: false,
    unsubscribed: true,
    complained: false,
  };
  expect(outcomeWords(item)).toEqual([
    'holders.status.sent',
    'holders.flag.delivered',
    'holders.flag.opened',
    'holders.flag.unsubscribed',
    'holders.flag.done',
  ]);
  expect(outcomeWords({ ...item, mailing: { ...item.mailing, done: false }, opened: false, unsubscribed: false })).toEqual([
    'holders.status.sent',
    'holders.flag.delivered',
  ]);
});

test('every text the audience and holder pages name is in Dutch and English, and the two files have the same keys', () => {
  const root = path.resolve(__dirname, '../../src/plugins/segmentation/admin/src');
  const read = (dir: string, lang: string) =>
    JSON.parse(fs.readFileSync(path.join(root, dir, 'translations', `${lang}.json`), 'utf8')) as Record<string, string>;
  const messages = (lang: string) => ({ ...read('audiences', lang), ...read('holders', lang) });
  const nl = messages('nl');
  const en = messages('en');
  expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  const used = new Set<string>();
  for (const dir of ['audiences', 'holders']) {
    for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => /\.tsx?$/.test(f))) {
      for (const m of fs.readFileSync(path.join(root, dir, file), 'utf8').matchAll(/'((?:audience|holders)\.[A-Za-z.]+[A-Za-z])'/g)) used.add(m[1]!);
    }
  }
  expect(used.size).toBeGreaterThan(50);
  expect([...used].filter((k) => !(k in nl))).toEqual([]);
  // Keys built at run time: each value they can take.
  const built = [
    ...['segment', 'list', 'campaign', 'uids'].map((k) => `audience.kind.${k}`),
    ...['sent', 'delivered', 'opened', 'notOpened', 'clicked', 'notClicked'].map((o) => `audience.outcome.${o}`),
    ...['unknown', 'outOfScope', 'duplicate', 'unreadable'].map((k) => `audience.list.problem.${k}`),
    ...['segment', 'list', 'campaign', 'uids', 'definition'].flatMap((k) => [
      `audience.problem.missing.${k}`,
      `audience.problem.repeated.${k}`,
      `audience.problem.${k}`,
    ]),
    ...['add', 'remove'].flatMap((m) => [`audience.manual.${m}`, `audience.manual.${m}Ok`, `audience.mode.${m}`]),
    ...['segmentLabel', 'campaignLabel', 'outcomeLabel', 'listLabel', 'uidsLabel'].map((k) => `audience.step.${k}`),
    ...['uid', 'name', 'email', 'addedBy', 'actions'].map((c) => `audience.members.${c}`),
    ...['step', 'added', 'removed'].map((c) => `audience.review.${c}`),
    ...['date', 'mailing', 'channel', 'outcome'].map((c) => `holders.history.${c}`),
    ...['name', 'address', 'email', 'phone'].map((c) => `holders.card.${c}`),
    ...['sent', 'bounced', 'failed'].map((s) => `holders.status.${s}`),
    ...['delivered', 'opened', 'clicked', 'bounced', 'unsubscribed', 'complained', 'done'].map((f) => `holders.flag.${f}`),
    'holders.channel.email',
  ];
  expect(built.filter((k) => !(k in nl))).toEqual([]);
});
