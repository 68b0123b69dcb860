import type { SessionUser } from '../platform/auth/auth.service.ts';
import type { agencies, certificates, people, regions, teams } from './organization.schema.ts';
import { maskIdNumber, maskPhone, maySeePersonalData } from '@openenforce/domain/privacy';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

export const presentRegion = (r: Row<typeof regions>) => ({
  id: r.id,
  parentId: r.parentId,
  level: r.level,
  name: r.name,
  townMode: r.townMode,
  townKind: r.townKind,
  townId: r.townId,
  centroid:
    r.centroidLng != null && r.centroidLat != null ? ([r.centroidLng, r.centroidLat] as [number, number]) : null,
  version: r.version,
});

export const presentAgency = (a: Row<typeof agencies>) => ({
  id: a.id,
  code: a.code,
  name: a.name,
  kind: a.kind,
  mayActInOwnName: a.mayActInOwnName,
  townId: a.townId,
  domains: a.domains,
  version: a.version,
});

export const presentTeam = (t: Row<typeof teams>) => ({
  id: t.id,
  code: t.code,
  name: t.name,
  agencyId: t.agencyId,
  parentId: t.parentId,
  level: t.level,
  kind: t.kind,
  townId: t.townId,
  domains: t.domains,
  version: t.version,
});

/** Phone and ID number masked unless the reader holds pii.read (rule 9). */
export const presentPerson = (p: Row<typeof people> & { teamName?: string | null }, reader: SessionUser) => {
  const full = maySeePersonalData(reader.permissions);
  return {
    id: p.id,
    employeeNo: p.employeeNo,
    name: p.name,
    gender: p.gender,
    phone: full ? p.phone : maskPhone(p.phone),
    idNumber: full ? p.idNumber : maskIdNumber(p.idNumber),
    role: p.role as never,
    isAuxiliary: p.isAuxiliary,
    teamId: p.teamId,
    teamName: p.teamName ?? null,
    townId: p.townId,
    gridId: p.gridId,
    active: p.active,
    version: p.version,
  };
};

export const presentCertificate = (c: Row<typeof certificates> & { personName?: string | null }) => ({
  id: c.id,
  personId: c.personId,
  personName: c.personName ?? undefined,
  number: c.number,
  domains: c.domains,
  validFrom: c.validFrom,
  validTo: c.validTo,
  issuer: c.issuer,
  townId: c.townId,
  version: c.version,
});
