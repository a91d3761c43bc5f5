import { Router } from 'express';
import { Calculator } from '../calculator';

/** GET /api/calc/*: the review calculator over HTTP, same library as the CLI and the workflows. */
export function calcRoutes(calc: Calculator): Router {
  const r = Router();
  r.get('/add-working-days', (req, res) => { res.json(calc.addWorkingDays(req.query.date, req.query.n)); });
  r.get('/working-days-before', (req, res) => { res.json(calc.workingDaysBefore(req.query.date, req.query.n)); });
  r.get('/next-review', (req, res) => {
    const q = req.query;
    res.json(calc.nextReview({ becameLookedAfter: q.becameLookedAfter, held: q.held, placementChanges: q.placementChanges, profile: q.profile }));
  });
  r.get('/timeline', (req, res) => { res.json(calc.timeline({ meeting: req.query.meeting, profile: req.query.profile })); });
  return r;
}
