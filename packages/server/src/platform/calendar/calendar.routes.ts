import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isoDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import { actorOf, noContent, requirePermission, requireUser, typed } from '../http/index.ts';
import type { CalendarService } from './calendar.service.ts';

const tags = ['calendar'];
const dayInfo = z.object({ day: z.string(), workday: z.boolean(), kind: z.string(), name: z.string().nullable() });

export function registerCalendarRoutes(app: FastifyInstance, service: CalendarService, now: () => Date): void {
  const r = typed(app);

  r.get(
    '/api/calendar/days',
    {
      schema: {
        tags,
        summary: '工作日历 Working-day calendar for a range (≤ 366 days)',
        querystring: z.object({ from: isoDate, to: isoDate }),
        response: { 200: z.object({ days: z.array(dayInfo), coveredYears: z.array(z.number()) }) },
      },
    },
    async (req) => {
      requireUser(req);
      const { from, to } = req.query;
      const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (span < 0 || span > 366)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'query.to', rule: 'within_366_days_after_from' }]);
      const days = [];
      for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
        days.push(service.calendar.dayInfo(new Date(t).toISOString().slice(0, 10)));
      }
      return { days, coveredYears: service.calendar.coveredYears() };
    },
  );

  r.get(
    '/api/calendar/coverage',
    {
      schema: {
        tags,
        summary: '日历数据覆盖 Where the working-day data ends; warn administrators ahead of it (TIME-4)',
        response: {
          200: z.object({
            coveredYears: z.array(z.number()),
            dataEnds: z.string(),
            missingYear: z.number(),
            daysLeft: z.number(),
            warn: z.boolean(),
            notice: z.object({ zh: z.string(), en: z.string() }),
          }),
        },
      },
    },
    async (req) => {
      requireUser(req);
      return { coveredYears: service.calendar.coveredYears(), ...service.coverage(now()) };
    },
  );

  r.get(
    '/api/calendar/add-working-days',
    {
      schema: {
        tags,
        summary: '期限计算 start + n working days (TIME-1/2)',
        querystring: z.object({ start: isoDate, n: z.coerce.number().int().min(-400).max(400) }),
        response: { 200: z.object({ start: z.string(), n: z.number(), result: z.string() }) },
      },
    },
    async (req) => {
      requireUser(req);
      return {
        start: req.query.start,
        n: req.query.n,
        result: service.calendar.addWorkingDays(req.query.start, req.query.n),
      };
    },
  );

  r.post(
    '/api/calendar/years',
    {
      schema: {
        tags,
        summary: '录入新公布年度节假日 Enter a newly published year (TIME-4)',
        body: z.strictObject({
          year: z.number().int().min(2027).max(2100),
          source: z.string().trim().min(4).max(200),
          days: z
            .array(
              z.strictObject({
                day: isoDate,
                kind: z.enum(['holiday', 'workday']),
                name: z.string().trim().min(1).max(40),
              }),
            )
            .max(80),
        }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'org.write');
      await service.publishYear(req.body.year, req.body.source, req.body.days, actorOf(req));
      return reply.status(204).send();
    },
  );
}
