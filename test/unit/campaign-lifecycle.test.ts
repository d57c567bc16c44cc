/** The campaign lifecycle (shared/campaign-lifecycle.ts): the one list of statuses, and the moves between them. */
import campaignSchema from '../../src/plugins/segmentation/server/src/campaigns/content-types/campaign.json';
import {
  ACTIVE,
  CAMPAIGN_STATUSES,
  EDITABLE,
  FINAL,
  STATUS,
  TRANSITIONS,
  WINDING_DOWN,
  allows,
  isEditable,
  scheduledStart,
  statusOnSave,
} from '../../src/plugins/segmentation/shared/campaign-lifecycle';

test("the content type's status enum is the shared list, and a new campaign is a draft", () => {
  expect(campaignSchema.attributes.status.enum).toEqual([...CAMPAIGN_STATUSES]);
  expect(campaignSchema.attributes.status.default).toBe(statusOnSave(null));
  expect(Object.keys(STATUS)).toEqual([...CAMPAIGN_STATUSES]);
});

test('every move goes between known statuses, and never stays where it is', () => {
  for (const [action, { from, to }] of Object.entries(TRANSITIONS)) {
    expect([action, CAMPAIGN_STATUSES.includes(to)]).toEqual([action, true]);
    for (const status of from) expect([action, status, CAMPAIGN_STATUSES.includes(status)]).toEqual([action, status, true]);
    if (action !== 'schedule' && action !== 'unschedule') expect([action, from.includes(to as never)]).toEqual([action, false]);
  }
  for (const list of [EDITABLE, ACTIVE, WINDING_DOWN]) for (const status of list) expect(CAMPAIGN_STATUSES).toContain(status);
});

test('the lifecycle as the actions see it', () => {
  const movable = (action: keyof typeof TRANSITIONS) => CAMPAIGN_STATUSES.filter((s) => allows(action, s));
  expect(movable('start')).toEqual(['draft', 'scheduled']);
  expect(movable('pause')).toEqual(['sending']);
  expect(movable('resume')).toEqual(['paused', 'failed']);
  expect(movable('cancel')).toEqual(['draft', 'scheduled', 'sending', 'paused']);
  expect(movable('finish')).toEqual(['sending']);
  expect(movable('fail')).toEqual(['scheduled']);
  expect(CAMPAIGN_STATUSES.filter(isEditable)).toEqual(['draft', 'scheduled']);
  expect(FINAL).toEqual(['sent', 'cancelled']);
  expect(allows('start', null)).toBe(false);
  expect(statusOnSave('2099-01-01T10:00:00Z')).toBe('scheduled');
});

test('a campaign starts by itself only when scheduled with a valid time', () => {
  expect(scheduledStart({ status: 'scheduled', scheduledAt: '2099-01-01T10:00:00Z' })).toBe(Date.parse('2099-01-01T10:00:00Z'));
  expect(scheduledStart({ status: 'draft', scheduledAt: '2099-01-01T10:00:00Z' })).toBeNull();
  expect(scheduledStart({ status: 'scheduled', scheduledAt: null })).toBeNull();
  expect(scheduledStart({ status: 'scheduled', scheduledAt: 'not a date' })).toBeNull();
});
