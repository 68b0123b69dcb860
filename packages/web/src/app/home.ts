import type { Permission, Role } from '@openenforce/domain/organization';

/**
 * Each persona's landing page: the first entry the user may open; roles, when given, narrow an entry to those
 * personas (the team leader's board, the supervisor's read-only search, the reviewer's and department's queues).
 */
const HOME_ORDER: [string, Permission, Role[]?][] = [
  ['/command', 'event.command'],
  ['/team', 'event.handle', ['team_leader']],
  ['/field', 'event.handle'],
  ['/report', 'event.report', ['grid_worker']],
  ['/events', 'event.read', ['supervisor']],
  ['/work', 'event.read', ['legal_reviewer', 'department_staff']],
  ['/map', 'map.read'],
  ['/catalog', 'catalog.read'],
  ['/org/regions', 'org.read'],
];

/** Where "home" is for this user (null: nothing to open). */
export function homePath(can: (p: Permission) => boolean, role: Role | undefined): string | null {
  return HOME_ORDER.find(([, p, roles]) => can(p) && (!roles || (!!role && roles.includes(role))))?.[0] ?? null;
}
