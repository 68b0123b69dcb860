import { and, gte, lte } from 'drizzle-orm';
import {
  calendarCoverage,
  createWorkingCalendar,
  type CalendarOverride,
  type WorkingCalendar,
} from '@openenforce/domain/calendar';
import { chinaDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor } from '../audit/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { writeNotifications } from '../notifications/index.ts';
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

  /** TIME-4: where the data ends, seen from `now`, and whether administrators are to be warned. */
  function coverage(now: Date) {
    return calendarCoverage(calendar.coveredYears(), chinaDate(now), deps.config.CALENDAR_WARN_DAYS);
  }

  return {
    load,
    get calendar(): WorkingCalendar {
      return calendar;
    },
    coverage,

    /**
     * The recurring check (platform/jobs): within the warning window, one notification to the administrators per
     * missing year (`once`: a repeat run writes nothing), naming the State Council notice to enter. Reloads first,
     * so a year entered in another process is seen. Returns the coverage it saw.
     */
    async warnAdministrators(now: Date) {
      await load();
      const c = coverage(now);
      if (!c.warn) return { ...c, notified: false };
      const ended = c.daysLeft < 0;
      const written = await db.transaction((tx) =>
        writeNotifications(
          deps,
          tx,
          [
            {
              subject: { type: 'calendar_year', id: String(c.missingYear), label: String(c.missingYear), townId: null },
              role: 'admin',
              kind: 'calendar.data_ending',
              level: ended || c.daysLeft <= 30 ? 'red' : 'yellow',
              once: true,
              title: {
                zh:
                  `工作日历数据${ended ? '已于' : '将于'} ${c.dataEnds} 结束${ended ? '' : `（剩 ${c.daysLeft} 天）`}：` +
                  `请录入《${c.notice.zh}》，否则跨入 ${c.missingYear} 年的工作日期限无法计算（TIME-4）`,
                en:
                  `The working-day calendar ${ended ? 'ended' : 'ends'} on ${c.dataEnds}` +
                  `${ended ? '' : ` (${c.daysLeft} days left)`}: enter the ${c.missingYear} notice ` +
                  `(${c.notice.zh}), or working-day deadlines reaching ${c.missingYear} cannot be computed (TIME-4)`,
              },
            },
          ],
          now,
        ),
      );
      return { ...c, notified: written.length > 0 };
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
