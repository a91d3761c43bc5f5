/** A small directory for the mail tests: one team with its managers, and the IRO side's mailboxes. */
import { Directory } from '../../data/directory';

export const FROM = 'care-reviews@council.example.org';

export function testDirectory(): Directory {
  return {
    people: [
      { staffId: 'iro-3', name: 'Imani Okafor', email: 'imani.okafor@council.example.org', roles: ['iro'], team: null },
      { staffId: 'tm-4', name: 'Tomasz Nowak', email: 'tomasz.nowak@council.example.org', roles: ['team-manager'], team: 'south-1' },
      { staffId: 'sm-1', name: 'Grace Bell', email: 'grace.bell@council.example.org', roles: ['service-manager'], team: null },
    ],
    teams: { 'south-1': { teamManagers: ['tm-4'], serviceManager: 'sm-1' } },
    mailboxes: {
      'iro-unit': 'iro.unit@council.example.org',
      'iro-unit-manager': 'iro.manager@council.example.org',
      'service-manager': 'service.managers@council.example.org',
    },
  };
}

/** A notification as a workflow records it (override any field). */
export function notification(id: string, recipient: string, fields: Record<string, string> = {}) {
  return {
    id: `lac-0123456789abcdef01234567/${id}/${recipient}`,
    recipient,
    caseId: 'lac-0123456789abcdef01234567',
    rule: 'L2',
    kind: 'overdue',
    subject: 'First review overdue (team south-1)',
    body: 'The first review was due on 2026-11-20 and has not been held.',
    dueDate: '2026-11-20',
    ...fields,
  };
}
