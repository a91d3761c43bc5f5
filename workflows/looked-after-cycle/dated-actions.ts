/**
 * The cycle's dated actions, from its obligations: each action's message, and for two of them an
 * effect on the cycle (L10: no answer from the team manager in time is agreement; L11: starred
 * recommendations not agreed in time open a dispute at the next pass).
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DatedAction } from '../case-kernel/case-kernel';
import { PolicyProfile } from '../timescales/policy-profile';
import { CycleModel, HeldReview, followsUpAfterEnding } from './model';
import { Action, Obligation, Recipient, obligations } from './obligations';
import { FOLDED } from './catch-up';
import { actionMessage } from './wording';

/** What an action does beyond its message; true if it changed the cycle. */
export function actionEffect(model: CycleModel, o: Obligation, a: Action, today: IsoDate): boolean {
  if (a.kind === 'open-dispute') {
    const h = model.reviewsHeld.find((x) => `r${x.reviewNumber}/starred-agreement` === o.key);
    if (h?.starred) {
      h.starred.disputeToOpen = true;
      return true;
    }
  }
  if (a.kind === 'deemed-agreed') {
    const h = model.reviewsHeld.find((x) => `r${x.reviewNumber}/team-manager-response` === o.key);
    if (h && !h.teamManager) {
      h.teamManager = { response: 'deemed-agreed', on: today };
      model.events.push({
        on: today,
        what: `no response from the team manager by ${o.due}: review ${h.reviewNumber}'s decisions deemed agreed`,
        rule: 'L10',
        by: undefined,
      });
      return true;
    }
  }
  return false;
}

export function datedActions(
  model: CycleModel,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  today: () => IsoDate,
  changed: () => void,
  legacy = false,
  noArrears: () => boolean = () => false,
): DatedAction<Recipient>[] {
  // A notice whose day passed before the cycle knew of it (a fact recorded during this pass) waits for
  // the next pass's catch-up instead of going out on its own (running cycles from before: it went).
  const arrears = (a: Action) => !legacy && FOLDED.includes(a.kind) && a.on < today();
  return obligations(model, profile, calendar, legacy).flatMap((o) =>
    o.actions
      .filter((a) => !(arrears(a) && noArrears()))
      .map((a) => ({
        id: a.id,
        on: a.on,
        to: a.to,
        // Worded when sent, from the cycle as it is then.
        get message() {
          return actionMessage(model, o, a);
        },
        effect: () => {
          if (actionEffect(model, o, a, today())) changed();
        },
      })),
  );
}

/** L13: a ceased cycle runs on while reviews already held are still being followed up (or a dispute is to be opened). */
export function followUpOwed(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar): boolean {
  if (!followsUpAfterEnding(model)) return false;
  const disputeToOpen = model.reviewsHeld.some(
    (h) =>
      (h.disagreement?.status === 'dispute-to-open' && !h.disagreement.disputeId) || (h.starred?.disputeToOpen && !h.starred.disputeId),
  );
  return disputeToOpen || obligations(model, profile, calendar).length > 0;
}

/** The sent ids worth carrying over: the last three reviews', unsettled reviews', and everything not per-review. */
export function keepSent(model: CycleModel): (id: string) => boolean {
  const oldest = model.open.number - 3;
  return (id) => {
    const m = /^r(\d+)\//.exec(id);
    return !m || Number(m[1]) >= oldest || model.reviewsHeld.some((h) => h.reviewNumber === Number(m[1]) && !isSettled(h));
  };
}

function isSettled(h: HeldReview): boolean {
  return h.imported === true || (Object.keys(h.after).length === 4 && h.teamManager !== undefined && h.decisions.every((d) => d.doneOn));
}
