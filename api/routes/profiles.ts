import { Router } from 'express';
import { ProfileRegistry } from '../../activities/reference-data';
import { pickProfile } from '../calculator';

export function profileRoutes(profiles: ProfileRegistry): Router {
  const r = Router();
  r.get('/', (_req, res) => { res.json({ profiles: profiles.ids().map((id) => ({ id, name: profiles.get(id)!.name })) }); });
  r.get('/:id', (req, res) => { res.json(pickProfile(profiles, req.params.id, 'id')); });
  return r;
}
