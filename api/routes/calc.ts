import { ANY_ROLE } from '../../platform/auth/roles';
import { Calculator } from '../calculator';
import { SecureRouter } from '../secure-router';

/** GET /api/calc/*: the review calculator over HTTP, same library as the CLI and the workflows. */
export function calcRoutes(r: SecureRouter, calc: Calculator): void {
  r.get('/add-working-days', { roles: ANY_ROLE, query: ['date', 'n'] }, (req, res) => {
    res.json(calc.addWorkingDays(req.query.date, req.query.n));
  });
  r.get('/working-days-before', { roles: ANY_ROLE, query: ['date', 'n'] }, (req, res) => {
    res.json(calc.workingDaysBefore(req.query.date, req.query.n));
  });
  r.get('/next-review', { roles: ANY_ROLE, query: ['becameLookedAfter', 'held', 'placementChanges', 'profile'] }, (req, res) => {
    const q = req.query;
    res.json(
      calc.nextReview({ becameLookedAfter: q.becameLookedAfter, held: q.held, placementChanges: q.placementChanges, profile: q.profile }),
    );
  });
  r.get('/timeline', { roles: ANY_ROLE, query: ['meeting', 'profile'] }, (req, res) => {
    res.json(calc.timeline({ meeting: req.query.meeting, profile: req.query.profile }));
  });
}
