// The organization context's public surface: other contexts import only from here.
export { RegionDirectory } from './region-directory.ts';
export { createOrganizationService, DIRECTORY_CHANNEL, type OrganizationService } from './organization.service.ts';
export { registerOrganizationRoutes } from './organization.routes.ts';
export { registerImportRoutes } from './import/import.routes.ts';
export { loadOrgSnapshotRows } from './org-snapshot.ts';
export {
  agencyById,
  agencyOfUser,
  existingTeams,
  gridOfPerson,
  loadOfficers,
  personNames,
  teamAndBelow,
  teamMembers,
  teamNames,
} from './reads.ts';
