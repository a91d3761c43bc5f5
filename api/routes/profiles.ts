import { ProfileRegistry } from '../../data/reference-data';
import { ANY_ROLE } from '../../platform/auth/roles';
import { pickProfile } from '../calculator';
import { SecureRouter } from '../secure-router';

/** The policy profiles (statutory and each authority's tighter timescales), read-only here. */
export function profileRoutes(r: SecureRouter, profiles: ProfileRegistry): void {
  r.get('/', ANY_ROLE, (_req, res) => {
    res.json({ profiles: profiles.ids().map((id) => ({ id, name: profiles.get(id)!.name })) });
  });
  r.get('/:id', ANY_ROLE, (req, res) => {
    res.json(pickProfile(profiles, req.params.id, 'id'));
  });
}
