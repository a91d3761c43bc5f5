import { ProfileRegistry, builtInCalendar } from '../data/reference-data';
import { meetingTimeline } from '../workflows/timescales/meeting-timeline';
import { PolicyProfile, ProfileError, validateProfile } from '../workflows/timescales/policy-profile';
import { nextReviewDue } from '../workflows/timescales/review-due-dates';
import { DEFAULT_DISPUTE_TIMESCALES, disputeTimescales } from '../workflows/dispute/stages';

const calendar = builtInCalendar();
const profiles = ProfileRegistry.load();
const statutory = profiles.get('statutory')!;
const oxfordshire = profiles.get('oxfordshire')!;
const stoke = profiles.get('stoke-on-trent')!;

describe('policy profiles', () => {
  test('statutory, kent, oxfordshire and stoke-on-trent ship and load', () => {
    expect(profiles.ids().sort()).toEqual(['kent', 'oxfordshire', 'statutory', 'stoke-on-trent']);
  });

  test('a profile that would make a statutory deadline later is refused, naming the timescale', () => {
    const looser = JSON.parse(JSON.stringify(oxfordshire)) as PolicyProfile;
    looser.id = 'looser';
    looser.lookedAfterReview.firstReview = { workingDays: 25 };
    expect(() => validateProfile(looser, statutory)).toThrow(/firstReview\.workingDays = 25 would make the statutory deadline/);
    const fewerDaysNotice = JSON.parse(JSON.stringify(oxfordshire)) as PolicyProfile;
    fewerDaysNotice.id = 'late-invites';
    fewerDaysNotice.lookedAfterReview.invitationsBefore = { workingDays: 5 };
    expect(() => validateProfile(fewerDaysNotice, statutory)).toThrow(ProfileError);
    const daysOnly = JSON.parse(JSON.stringify(oxfordshire)) as PolicyProfile;
    daysOnly.id = 'days-only';
    daysOnly.lookedAfterReview.secondReview = { days: 95 };
    expect(() => validateProfile(daysOnly, statutory)).toThrow(/secondReview\.months is missing/);
  });

  test('a profile with a malformed timescale is refused', () => {
    const broken = JSON.parse(JSON.stringify(stoke));
    broken.lookedAfterReview.fullRecord = { weeks: 3 };
    expect(() => validateProfile(broken, statutory)).toThrow(/fullRecord: unknown field weeks/);
  });
});

describe('Resolution and Escalation timescales in a profile (E2-E6)', () => {
  test('E4 E6 stage 2 and the whole process may only be shortened; the informal stage and stages 1, 3-5 are local', () => {
    const local = JSON.parse(JSON.stringify(oxfordshire)) as PolicyProfile;
    local.id = 'quick-disputes';
    local.resolutionAndEscalation = {
      informal: { workingDays: 3 },
      stage1: { workingDays: 3 },
      stage2: { workingDays: 4 },
      overall: { workingDays: 15 },
    };
    const t = disputeTimescales(validateProfile(local, statutory).resolutionAndEscalation);
    expect(t).toMatchObject({ informal: { workingDays: 3 }, overall: { workingDays: 15 }, cafcassDecision: { days: 14 } });
    expect(t.stageResponse).toEqual({
      1: { workingDays: 3 },
      2: { workingDays: 4 },
      3: { workingDays: 5 },
      4: { workingDays: 5 },
      5: { workingDays: 5 },
    });

    local.resolutionAndEscalation = { stage2: { workingDays: 6 } };
    expect(() => validateProfile(local, statutory)).toThrow(
      /resolutionAndEscalation\.stage2\.workingDays = 6 would make the statutory deadline/,
    );
    local.resolutionAndEscalation = { overall: { days: 28 } };
    expect(() => validateProfile(local, statutory)).toThrow(/resolutionAndEscalation\.overall\.workingDays is missing/);
    (local as unknown as { resolutionAndEscalation: unknown }).resolutionAndEscalation = { stage6: { workingDays: 5 } };
    expect(() => validateProfile(local, statutory)).toThrow(/unknown timescale stage6/);
  });

  test('E6 a profile whose ladder cannot fit the 20 working days is refused at load, naming the timescales', () => {
    const local = JSON.parse(JSON.stringify(oxfordshire)) as PolicyProfile;
    local.id = 'slow-ladder';
    // Informal 10 + stages 1-3 at the statutory 5 each: stage 3 would answer after the 20 working days.
    local.resolutionAndEscalation = { informal: { workingDays: 10 } };
    expect(() => validateProfile(local, statutory)).toThrow(
      'profile slow-ladder: resolutionAndEscalation: informal 10 working days + stage1 5 working days + stage2 5 working days + ' +
        'stage3 5 working days do not fit within overall 20 working days (E6)',
    );
    // Calendar days count too: 7 calendar days is 5 working days at most, so this fits.
    local.resolutionAndEscalation = { informal: { days: 7 }, stage1: { workingDays: 5 } };
    expect(() => validateProfile(local, statutory)).not.toThrow();
    local.resolutionAndEscalation = { overall: { workingDays: 14 } };
    expect(() => validateProfile(local, statutory)).toThrow(/do not fit within overall 14 working days/);
    // The shipped profiles fit.
    for (const id of profiles.ids())
      expect(disputeTimescales(profiles.get(id)!.resolutionAndEscalation).overall).toEqual({ workingDays: 20 });
  });

  test('a profile without the section uses the statutory one, which is the defaults', () => {
    expect(oxfordshire.resolutionAndEscalation).toBeUndefined();
    expect(disputeTimescales(oxfordshire.resolutionAndEscalation)).toEqual(DEFAULT_DISPUTE_TIMESCALES);
    expect(disputeTimescales(statutory.resolutionAndEscalation)).toEqual(DEFAULT_DISPUTE_TIMESCALES);
  });
});

describe('next looked-after review', () => {
  test('L2: first review within 20 working days of becoming looked after', () => {
    const n = nextReviewDue({ becameLookedAfter: '2022-12-16', held: [] }, statutory, calendar);
    expect(n).toMatchObject({ due: '2023-01-18', rule: 'L2', reviewNumber: 1, base: '2022-12-16' });
  });

  test('L3: second review 3 calendar months after the review actually held, clamped at month end', () => {
    const n = nextReviewDue({ becameLookedAfter: '2025-01-02', held: ['2025-01-31'] }, statutory, calendar);
    expect(n).toMatchObject({ due: '2025-04-30', rule: 'L3', base: '2025-01-31' });
  });

  test('L3 Oxfordshire: the earlier of 3 months and 91 days', () => {
    expect(nextReviewDue({ becameLookedAfter: '2025-01-02', held: ['2025-01-31'] }, oxfordshire, calendar).due).toBe('2025-04-30');
    // 2026-11-20 + 91 days = 2027-02-19, earlier than 3 months (2027-02-20).
    expect(nextReviewDue({ becameLookedAfter: '2026-11-02', held: ['2026-11-20'] }, oxfordshire, calendar).due).toBe('2027-02-19');
  });

  test('L4: later reviews 6 months after the previous one; a late review does not catch up', () => {
    const n = nextReviewDue({ becameLookedAfter: '2023-01-02', held: ['2023-01-20', '2023-05-15'] }, statutory, calendar);
    expect(n).toMatchObject({ due: '2023-11-15', rule: 'L4', base: '2023-05-15', reviewNumber: 3 });
    expect(nextReviewDue({ becameLookedAfter: '2023-01-02', held: ['2023-01-20', '2023-05-15'] }, oxfordshire, calendar).due).toBe(
      '2023-11-14',
    );
  });

  test('L4 Stoke: reviews are booked for about 5 months', () => {
    const n = nextReviewDue({ becameLookedAfter: '2023-01-02', held: ['2023-01-20', '2023-05-15'] }, stoke, calendar);
    expect(n).toMatchObject({ due: '2023-11-15', bookBy: '2023-10-15' });
  });

  test('L5: a change of placement restarts the clock where the profile has the rule', () => {
    const history = { becameLookedAfter: '2023-01-02', held: ['2023-01-20', '2023-04-14'], placementChanges: ['2023-06-01'] };
    expect(nextReviewDue(history, statutory, calendar)).toMatchObject({ rule: 'L4', due: '2023-10-14' });
    expect(nextReviewDue(history, oxfordshire, calendar)).toMatchObject({ rule: 'L5', due: '2023-06-29', base: '2023-06-01' });
    // The review after the change counts as a first review: the next is a "second review" (3 months).
    const after = { ...history, held: [...history.held, '2023-06-20'] };
    expect(nextReviewDue(after, oxfordshire, calendar)).toMatchObject({ rule: 'L5', due: '2023-09-19' });
  });

  test('held dates out of order or before becoming looked after are refused', () => {
    expect(() => nextReviewDue({ becameLookedAfter: '2023-01-02', held: ['2023-03-01', '2023-02-01'] }, statutory, calendar)).toThrow(
      /in order/,
    );
    expect(() => nextReviewDue({ becameLookedAfter: '2023-01-02', held: ['2022-12-01'] }, statutory, calendar)).toThrow(
      /before the child became looked after/,
    );
  });
});

describe('timeline around one meeting (L8, L9, L10)', () => {
  test('statutory: the rules.md example and the after-meeting deadlines', () => {
    const byKey = Object.fromEntries(meetingTimeline('2023-01-10', statutory, calendar).map((i) => [i.key, i]));
    expect(byKey.consultChildBefore).toMatchObject({ due: '2022-12-08', rule: 'L8' });
    expect(byKey.invitationsBefore).toMatchObject({ due: '2022-12-22', rule: 'L8' });
    expect(byKey.reportsToIroBefore).toMatchObject({ due: '2023-01-05', rule: 'L8' });
    expect(byKey.decisionsCirculated).toMatchObject({ due: '2023-01-17', rule: 'L9' });
    expect(byKey.teamManagerConsiders).toMatchObject({ due: '2023-01-24', rule: 'L10' });
    expect(byKey.carePlanUpdated).toMatchObject({ due: '2023-01-24', rule: 'L9' });
    expect(byKey.fullRecord).toMatchObject({ due: '2023-01-31', rule: 'L9' });
    expect(byKey.copiesToParticipants).toMatchObject({ due: '2023-02-07', rule: 'L9' });
    expect(byKey.carePlanEscalation).toBeUndefined();
  });

  test('Stoke: record to participants within 14 calendar days, care-plan escalation at 28 days', () => {
    const byKey = Object.fromEntries(meetingTimeline('2023-01-10', stoke, calendar).map((i) => [i.key, i]));
    expect(byKey.copiesToParticipants.due).toBe('2023-01-24');
    expect(byKey.carePlanEscalation.due).toBe('2023-02-07');
  });
});
