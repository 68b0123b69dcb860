import type { users } from '../platform/auth/auth.schema.ts';
import type { Organization, TeamRow } from './organization.ts';
import type { PersonRow } from './people.ts';

type UserInsert = typeof users.$inferInsert;

/** A demo login with its plain password: the seeder hashes it (argon2id) before insert. */
export type DemoUser = Pick<UserInsert, 'username' | 'displayName' | 'role'> & {
  password: string;
  personId?: string;
  scopeTownId?: string;
  scopeTeamId?: string;
};

/** Every demo login shares it; it is printed in the README and must be changed on a real installation. */
export const DEMO_PASSWORD = 'Demo@2026';

/** The people behind the demo logins. They are chosen before certificates, so their certificates stay valid. */
export interface Personas {
  operator: PersonRow;
  leader: PersonRow;
  officer: PersonRow;
  officer2: PersonRow;
  auxiliary: PersonRow;
  gridworker: PersonRow;
  reviewer: PersonRow;
  dept: PersonRow;
  supervisor: PersonRow;
}

function first(people: readonly PersonRow[], what: string, test: (p: PersonRow) => boolean): PersonRow {
  const found = people.find(test);
  if (!found) throw new Error(`Demo county has no ${what}`);
  return found;
}

export function choosePersonas(
  people: readonly PersonRow[],
  org: Organization,
  townIds: { officer: string; officer2: string },
): Personas {
  const teamOf = (tid: string): TeamRow => {
    const team = org.townTeams.get(tid);
    if (!team) throw new Error(`No team for town ${tid}`);
    return team;
  };
  const townTeam = teamOf(townIds.officer);
  const squad = teamOf(townIds.officer2);
  // Department staff see their agency's domains (SPEC §2): ecology's (生态环境) are among the demo year's events.
  const ecology = org.departments.get('ecology');
  return {
    operator: first(people, 'command operator', (p) => p.role === 'command_operator'),
    leader: first(people, 'leader', (p) => p.role === 'team_leader' && p.teamId === org.comprehensiveTeam.id),
    officer: first(people, 'town officer', (p) => p.role === 'officer' && p.teamId === townTeam.id),
    officer2: first(people, 'squad officer', (p) => p.role === 'officer' && p.teamId === squad.id),
    auxiliary: first(people, 'auxiliary', (p) => p.role === 'auxiliary' && p.teamId === townTeam.id),
    gridworker: first(people, 'grid worker', (p) => p.role === 'grid_worker' && p.townId === townIds.officer),
    reviewer: first(people, 'legal reviewer', (p) => p.role === 'legal_reviewer'),
    dept: first(people, 'ecology staff', (p) => p.role === 'department_staff' && p.agencyId === ecology?.id),
    supervisor: first(people, 'supervisor', (p) => p.role === 'supervisor'),
  };
}

/** One login per persona (SPEC: every screen is for one of them). Town personas see only their town. */
export function buildUsers(personas: Personas): DemoUser[] {
  const login = (username: string, person: PersonRow): DemoUser => ({
    username,
    password: DEMO_PASSWORD,
    displayName: person.name,
    role: person.role,
    personId: person.id,
    // County staff (townId null) get the county scope; town teams, squads and grid workers see only their town.
    ...(person.townId ? { scopeTownId: person.townId } : {}),
    ...(person.teamId ? { scopeTeamId: person.teamId } : {}),
  });
  return [
    { username: 'admin', password: DEMO_PASSWORD, displayName: '系统管理员', role: 'admin' },
    login('operator', personas.operator),
    login('leader', personas.leader),
    login('officer', personas.officer),
    login('officer2', personas.officer2),
    login('auxiliary', personas.auxiliary),
    login('gridworker', personas.gridworker),
    login('reviewer', personas.reviewer),
    login('dept', personas.dept),
    login('supervisor', personas.supervisor),
  ];
}
