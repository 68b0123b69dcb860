import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { DomainError } from '@openenforce/domain/errors';
import * as c from '@openenforce/domain/organization';
import { pageOf } from '@openenforce/domain/common';
import type { SessionUser } from '../platform/auth/auth.service.ts';
import type { Db } from '../platform/db/index.ts';
import { actorOf, requirePermission, typed } from '../platform/http/index.ts';
import { regions } from './organization.schema.ts';
import {
  presentAgency,
  presentCertificate,
  presentPerson,
  presentRegion,
  presentTeam,
} from './organization.present.ts';
import type { OrganizationService } from './organization.service.ts';
import { specs, type EntitySpec } from './organization.tables.ts';
import type { RegionDirectory } from './region-directory.ts';

const tags = ['organization'];
const idParams = z.object({ id: c.entityId });
const regionParams = z.object({ id: c.regionId });
type Spec = EntitySpec<PgTable>;

/** Routes are thin: validate (zod) → authorize (permission + data scope) → one use case → present. */
export function registerOrganizationRoutes(
  app: FastifyInstance,
  org: OrganizationService,
  directory: RegionDirectory,
  db: Db,
): void {
  const r = typed(app);

  // ── Regions ────────────────────────────────────────────────────────────────
  r.get(
    '/api/org/regions',
    {
      schema: {
        tags,
        summary: '区域列表 Regions',
        querystring: c.regionListQuery,
        response: { 200: pageOf(c.region) },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'org.read');
      const page = await org.listRegions(user.scope, req.query);
      return { ...page, items: page.items.map((x) => presentRegion(x as never)) };
    },
  );
  r.get(
    '/api/org/regions/:id',
    { schema: { tags, summary: '区域详情 Region', params: regionParams, response: { 200: c.regionDetail } } },
    async (req) => {
      const user = requirePermission(req, 'org.read');
      const row = await org.get(specs.region as Spec, user.scope, req.params.id);
      const childCount = await db.$count(regions, eq(regions.parentId, req.params.id));
      return { ...presentRegion(row as never), path: directory.path(req.params.id), childCount };
    },
  );
  r.post(
    '/api/org/regions',
    { schema: { tags, summary: '新增区域 Create region', body: c.regionCreate, response: { 201: c.region } } },
    async (req, reply) => {
      const user = requirePermission(req, 'org.write');
      return reply
        .status(201)
        .send(presentRegion((await org.createRegion(user.scope, req.body, actorOf(req))) as never));
    },
  );
  r.patch(
    '/api/org/regions/:id',
    {
      schema: {
        tags,
        summary: '修改区域 Edit region',
        params: regionParams,
        body: c.regionPatch,
        response: { 200: c.region },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'org.write');
      return presentRegion((await org.updateRegion(user.scope, req.params.id, req.body, actorOf(req))) as never);
    },
  );

  r.get(
    '/api/org/regions/:id/boundary',
    {
      schema: {
        tags,
        summary: '区域边界 GeoJSON Feature of one region',
        params: regionParams,
        response: { 200: c.regionFeature },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'org.read');
      const row = (await org.get(specs.region as Spec, user.scope, req.params.id)) as typeof regions.$inferSelect;
      const properties = { id: row.id, name: row.name, level: row.level, townId: row.townId };
      return { type: 'Feature' as const, id: row.id, properties, geometry: row.boundary };
    },
  );

  // ── Map ────────────────────────────────────────────────────────────────────
  r.get(
    '/api/org/locate',
    {
      schema: {
        tags,
        summary: '坐标定位网格 Point → grid, village, town',
        querystring: c.locateQuery,
        response: { 200: c.locateResult },
      },
    },
    async (req) => {
      requirePermission(req, 'map.read');
      const found = directory.locate(req.query.lng, req.query.lat);
      if (!found) throw new DomainError('ORG_POINT_OUTSIDE', [{ path: 'query', rule: 'inside_county' }]);
      return found;
    },
  );
  r.get(
    '/api/org/map/towns',
    { schema: { tags, summary: '乡镇边界 GeoJSON towns', response: { 200: c.townsMap } } },
    async (req) => {
      requirePermission(req, 'map.read');
      return org.townBoundaries();
    },
  );
  r.get(
    '/api/org/map/grids',
    {
      schema: {
        tags,
        summary: '网格边界 GeoJSON grids',
        querystring: z.object({ townId: c.regionId.optional() }),
        response: { 200: c.gridsMap },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'map.read');
      return org.gridBoundaries(user.scope, req.query.townId);
    },
  );

  // ── Agencies, teams, people, certificates ─────────────────────────────────
  crud('agencies', specs.agency as Spec, c.agency, c.agencyCreate, c.agencyPatch, (x) => presentAgency(x as never));
  crud('teams', specs.team as Spec, c.team, c.teamCreate, c.teamPatch, (x) => presentTeam(x as never));

  r.get(
    '/api/org/people',
    {
      schema: { tags, summary: '人员列表 People', querystring: c.personListQuery, response: { 200: pageOf(c.person) } },
    },
    async (req) => {
      const user = requirePermission(req, 'org.read');
      const page = await org.listPeople(user.scope, req.query);
      return {
        ...page,
        items: page.items.map((p) => presentPerson(p as never, user)),
      };
    },
  );
  r.get(
    '/api/org/people/:id',
    { schema: { tags, summary: '人员 Person', params: idParams, response: { 200: c.person } } },
    async (req) => {
      const user = requirePermission(req, 'org.read');
      return presentPerson((await org.get(specs.person as Spec, user.scope, req.params.id)) as never, user);
    },
  );
  r.post(
    '/api/org/people',
    { schema: { tags, summary: '新增人员 Create person', body: c.personCreate, response: { 201: c.person } } },
    async (req, reply) => {
      const user = requirePermission(req, 'org.write');
      const row = await org.createPerson(user.scope, req.body, actorOf(req));
      return reply.status(201).send(await presentWritten(row, user));
    },
  );
  r.patch(
    '/api/org/people/:id',
    {
      schema: {
        tags,
        summary: '修改人员 Edit person',
        params: idParams,
        body: c.personPatch,
        response: { 200: c.person },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'org.write');
      return presentWritten(await org.updatePerson(user.scope, req.params.id, req.body, actorOf(req)), user);
    },
  );

  r.get(
    '/api/org/certificates',
    {
      schema: {
        tags,
        summary: '执法证列表 Certificates',
        querystring: c.certificateListQuery,
        response: { 200: pageOf(c.certificate) },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'org.read');
      const page = await org.listCertificates(user.scope, req.query);
      return {
        ...page,
        items: page.items.map((x) => presentCertificate(x as never)),
      };
    },
  );
  r.get(
    '/api/org/certificates/:id',
    { schema: { tags, summary: '执法证 Certificate', params: idParams, response: { 200: c.certificate } } },
    async (req) => {
      const user = requirePermission(req, 'org.read');
      return presentCertificate((await org.get(specs.certificate as Spec, user.scope, req.params.id)) as never);
    },
  );
  r.post(
    '/api/org/certificates',
    {
      schema: {
        tags,
        summary: '新增执法证 Create certificate',
        body: c.certificateCreate,
        response: { 201: c.certificate },
      },
    },
    async (req, reply) => {
      const user = requirePermission(req, 'org.write');
      return reply
        .status(201)
        .send(presentCertificate((await org.createCertificate(user.scope, req.body, actorOf(req))) as never));
    },
  );
  r.patch(
    '/api/org/certificates/:id',
    {
      schema: {
        tags,
        summary: '修改执法证 Edit certificate',
        params: idParams,
        body: c.certificatePatch,
        response: { 200: c.certificate },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'org.write');
      return presentCertificate(
        (await org.update(specs.certificate as Spec, user.scope, req.params.id, req.body, actorOf(req))) as never,
      );
    },
  );

  /** A person just written, read back with their team's name so that it looks as in the list. */
  async function presentWritten(row: Record<string, unknown>, user: SessionUser) {
    return presentPerson((await org.get(specs.person as Spec, user.scope, row.id as string)) as never, user);
  }

  /** List, read, create and edit for the reference tables whose shape is the same (agencies, teams). */
  function crud(
    path: string,
    s: Spec,
    out: z.ZodType,
    createBody: z.ZodType,
    patchBody: z.ZodType,
    present: (row: unknown) => unknown,
  ) {
    const base = `/api/org/${path}`;
    r.get(
      base,
      { schema: { tags, summary: `${path}`, querystring: c.listQuery, response: { 200: pageOf(out) } } },
      async (req) => {
        const user = requirePermission(req, 'org.read');
        const page = await org.list(s, user.scope, req.query);
        return { ...page, items: page.items.map(present) };
      },
    );
    r.get(`${base}/:id`, { schema: { tags, params: idParams, response: { 200: out } } }, async (req) => {
      const user = requirePermission(req, 'org.read');
      return present(await org.get(s, user.scope, req.params.id));
    });
    r.post(base, { schema: { tags, body: createBody, response: { 201: out } } }, async (req, reply) => {
      const user = requirePermission(req, 'org.write');
      const body = req.body as Record<string, unknown>;
      await org.assertTeamRefs(body);
      return reply.status(201).send(present(await org.create(s, user.scope, body, actorOf(req))));
    });
    r.patch(
      `${base}/:id`,
      { schema: { tags, params: idParams, body: patchBody, response: { 200: out } } },
      async (req) => {
        const user = requirePermission(req, 'org.write');
        const body = req.body as { version: number } & Record<string, unknown>;
        await org.assertTeamRefs(body);
        return present(await org.update(s, user.scope, req.params.id, body, actorOf(req)));
      },
    );
  }
}
