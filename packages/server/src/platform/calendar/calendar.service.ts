import { and, gte, lte } from 'drizzle-orm';
import { createWorkingCalendar, type CalendarOverride, type WorkingCalendar } from '@openenforce/domain/calendar';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor } from '../audit/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { calendarOverrides, calendarYears } from './calendar.schema.ts';

/**
 * The working-day calendar the server counts deadlines with: the shipped data plus the override table, for years
 * the State Council published after this release (TIME-4). Held in memory; rebuilt when a year is entered.
 */
export function createCalendarService(deps: PlatformDeps) {
  const { database, audit, clock } = deps;
  const db = database.db;
  let calendar: WorkingCalendar = createWorkingCalendar({});

  async function load(): Promise<void> {
    const overrides = await db.select().from(calendarOverrides);
    const years = await db.select().from(calendarYears);
    calendar = createWorkingCalendar({
      overrides: overrides.map((o) => ({ day: o.day, kind: o.kind, name: o.name, source: o.source })),
      years: years.map((y) => ({ year: y.year, complete: true as const, source: y.source })),
    });
  }

  return {
    load,
    get calendar(): WorkingCalendar {
      return calendar;
    },

    /**
     * Enter a newly published year: its holidays and adjusted working days, from one notice. Replaces whatever was
     * entered for that year before, marks the year complete, and audits both — in one transaction.
     */
    async publishYear(year: number, source: string, days: Omit<CalendarOverride, 'source'>[], actor: Actor) {
      if (
        calendar.coveredYears().includes(year) &&
        !(await db.select().from(calendarYears)).some((y) => y.year === year)
      ) {
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.year', rule: 'year_already_shipped' }]);
      }
      const outside = days.findIndex((d) => !d.day.startsWith(`${year}-`));
      if (outside >= 0)
        throw new DomainError('VALIDATION_FAILED', [{ path: `body.days.${outside}.day`, rule: `in_year:${year}` }]);
      const now = clock.now();
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      await db.transaction(async (tx) => {
        const before = await tx
          .select()
          .from(calendarOverrides)
          .where(and(gte(calendarOverrides.day, from), lte(calendarOverrides.day, to)));
        await tx.delete(calendarOverrides).where(and(gte(calendarOverrides.day, from), lte(calendarOverrides.day, to)));
        if (days.length > 0)
          await tx.insert(calendarOverrides).values(days.map((d) => ({ ...d, source, createdAt: now })));
        await tx
          .insert(calendarYears)
          .values({ year, source, createdAt: now })
          .onConflictDoUpdate({ target: calendarYears.year, set: { source } });
        await audit.append(
          tx,
          actor,
          {
            action: 'calendar.publish_year',
            entityType: 'calendar_year',
            entityId: String(year),
            before,
            after: { source, days },
          },
          now,
        );
      });
      await load();
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
