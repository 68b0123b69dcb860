import type { EventSource, EventStatus, EventSummary } from '@openenforce/domain/events';
import { maskName, maskPhone, maySeePersonalData } from '@openenforce/domain/privacy';
import type { RegionDirectory } from '../organization/index.ts';
import type { SessionUser } from '../platform/auth/auth.service.ts';
import type { EventRow } from './events.repository.ts';
import type { eventSteps } from './events.schema.ts';
import { eventNo } from './events.service.ts';

export function presentSummary(row: EventRow, directory: RegionDirectory, teamName: string | null): EventSummary {
  return {
    id: row.id,
    no: eventNo(row),
    status: row.status as EventSummary['status'],
    source: row.source as EventSummary['source'],
    category: row.category,
    description: row.description,
    urgency: row.urgency,
    lng: row.lng,
    lat: row.lat,
    address: row.address,
    locationUnresolved: row.locationUnresolved,
    townId: row.townId,
    townName: row.townId ? directory.townName(row.townId) : null,
    gridId: row.gridId,
    domain: row.domain,
    teamId: row.teamId,
    teamName,
    reportedAt: row.reportedAt.toISOString(),
    deadline: row.deadline?.toISOString() ?? null,
    escalation: row.escalation,
    outcome: row.outcome as EventSummary['outcome'],
    rating: row.rating,
    reopenCount: row.reopenCount,
    masterId: row.masterId,
    version: row.version,
  };
}

type StepRow = typeof eventSteps.$inferSelect;

/** The duplicates a report step recorded (`detail.duplicates`: ids and distances), if any. */
function duplicatesOf(detail: unknown): { id: string; distanceM?: number }[] {
  const d = (detail as { duplicates?: unknown } | null)?.duplicates;
  return Array.isArray(d) ? (d as { id: string }[]).filter((x) => typeof x?.id === 'string') : [];
}

/** The other events a step's detail names: the duplicates a report found, the master a merge chose. */
export function eventsNamedIn(detail: unknown): string[] {
  const master = (detail as { masterId?: unknown } | null)?.masterId;
  return [...duplicatesOf(detail).map((d) => d.id), ...(typeof master === 'string' ? [master] : [])];
}

/** A step's detail without the events the reader's scope does not hold (a foreign master is "another report"). */
function scopedDetail(detail: unknown, visible: ReadonlySet<string>): Record<string, unknown> | null {
  const named = eventsNamedIn(detail);
  if (named.every((id) => visible.has(id))) return detail as Record<string, unknown> | null;
  const out: Record<string, unknown> = { ...(detail as object) };
  if ('duplicates' in out) out.duplicates = duplicatesOf(detail).filter((d) => visible.has(d.id));
  if (typeof out.masterId === 'string' && !visible.has(out.masterId)) out.masterId = null;
  return out;
}

export function presentDetail(
  row: EventRow,
  parts: {
    directory: RegionDirectory;
    user: SessionUser | null;
    teamNames: ReadonlyMap<string, string>;
    timeline: StepRow[];
    photos: { id: string; kind: string; mime: string; bytes: number; stepId: number | null; uploadedAt: Date }[];
    merged: { id: string; seq: number; source: string; reportedAt: Date }[];
    /** The master, when the reader's scope holds it (else the report is merged into "another report"). */
    master: EventRow | null;
    /** The other events this one names (suggested master, duplicates) that the reader's scope holds. */
    visible: ReadonlySet<string>;
  },
) {
  // Reporter name and phone: the command centre calls citizens back (pii.read); everyone else sees them masked.
  const full = parts.user !== null && maySeePersonalData(parts.user.permissions);
  const name = (id: string | null) => (id ? (parts.teamNames.get(id) ?? null) : null);
  const suggested = row.suggestedMasterId && parts.visible.has(row.suggestedMasterId) ? row.suggestedMasterId : null;
  return {
    ...presentSummary(row, parts.directory, name(row.teamId)),
    masterId: parts.master ? row.masterId : null,
    villageName: row.villageId ? parts.directory.townName(row.villageId) : null,
    mediaUrl: row.mediaUrl,
    gridName: row.gridId ? parts.directory.townName(row.gridId) : null,
    /** A merged report follows its master's status. */
    effectiveStatus: parts.master ? parts.master.status : row.status,
    master: parts.master ? { id: parts.master.id, no: eventNo(parts.master), status: parts.master.status } : null,
    suggestedMasterId: suggested,
    reporterName: full ? row.reporterName : maskName(row.reporterName),
    reporterPhone: full ? row.reporterPhone : maskPhone(row.reporterPhone),
    reporterUserId: row.reporterUserId,
    externalId: row.externalId,
    matterId: row.matterId,
    proposal: row.proposal,
    subjectName: row.subjectName,
    assistingTeams: row.assistingTeamIds.map((id) => ({ id, name: name(id) })),
    triagedAt: row.triagedAt?.toISOString() ?? null,
    dispatchedAt: row.dispatchedAt?.toISOString() ?? null,
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    handledAt: row.handledAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    rectifyDue: row.rectifyDue?.toISOString() ?? null,
    outcomeDetail: row.outcomeDetail,
    caseHandle: row.caseHandle,
    returnCount: row.returnCount,
    urgeCount: row.urgeCount,
    ratingComment: row.ratingComment,
    onTime: row.onTime,
    timeline: parts.timeline.map((s) => ({
      id: s.id,
      at: s.at.toISOString(),
      action: s.action,
      // The steps table is the platform's (text); the event's procedure wrote only its own statuses.
      fromStatus: s.fromStatus as EventStatus | null,
      toStatus: s.toStatus as EventStatus,
      actorRole: s.actorRole,
      actorName: s.actorName,
      teamId: s.teamId,
      teamName: name(s.teamId),
      lng: s.lng,
      lat: s.lat,
      reason: s.reason,
      detail: scopedDetail(s.detail, parts.visible),
    })),
    photos: parts.photos.map((p) => ({
      ...p,
      uploadedAt: p.uploadedAt.toISOString(),
      url: `/api/events/photos/${p.id}`,
    })),
    merged: parts.merged.map((m) => ({
      id: m.id,
      no: eventNo(m),
      source: m.source as EventSource,
      reportedAt: m.reportedAt.toISOString(),
    })),
  };
}
