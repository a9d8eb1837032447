import { WorkingCalendar } from '@palm/shared';
import { takesTickets } from '../../src/catalogue/guide';
import { officeOpenStatus, parseDayHours, parseWeeklyHours } from '../../src/catalogue/hours';
import { compareOffices, distanceFrom } from '../../src/catalogue/offices';
import { CalendarCache } from '../../src/catalogue/calendar';
import { bookableOfficeIds, bookableServiceIds } from '../../src/catalogue/bookable';
import type { PrismaClient } from '@palm/db/client';

const WEEKDAY: Array<[string, string]> = [
  ['09:00', '12:00'],
  ['13:30', '17:30'],
];
const weekly = { '1': WEEKDAY, '2': WEEKDAY, '3': WEEKDAY, '4': WEEKDAY, '5': WEEKDAY, '6': [], '7': [] };
const calendar = new WorkingCalendar([
  { date: '2026-10-01', kind: 'HOLIDAY' },
  { date: '2026-10-10', kind: 'WORKDAY' },
]);
const hall = (extra: Partial<{ openOnHolidays: boolean; exceptions: Array<{ date: Date; closed: boolean; hours: unknown; note: string | null }> }> = {}) => ({
  weeklyHours: weekly,
  openOnHolidays: false,
  exceptions: [],
  ...extra,
});

describe('office hours and ordering', () => {
  describe('parseWeeklyHours', () => {
    it('reads the JSON column and fills missing days as closed', () => {
      expect(parseWeeklyHours({ '1': WEEKDAY })).toEqual({ '1': WEEKDAY, '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] });
    });

    it('drops malformed pairs instead of failing', () => {
      expect(parseDayHours([['09:00', '12:00'], ['9am', '5pm'], 'x', ['13:00'], [1, 2]])).toEqual([['09:00', '12:00']]);
      expect(parseWeeklyHours(null)['1']).toEqual([]);
      expect(parseWeeklyHours([1, 2])['3']).toEqual([]);
    });
  });

  describe('officeOpenStatus', () => {
    it('is open in the morning interval of a Monday and says until when', () => {
      expect(officeOpenStatus(hall(), calendar, { date: '2026-11-23', time: '09:30' })).toEqual({
        openNow: true,
        todayHours: WEEKDAY,
        closesAt: '12:00',
        opensNext: null,
      });
    });

    it('is closed over lunch and opens again the same afternoon', () => {
      const status = officeOpenStatus(hall(), calendar, { date: '2026-11-23', time: '12:30' });
      expect(status.openNow).toBe(false);
      expect(status.opensNext).toEqual({ date: '2026-11-23', time: '13:30' });
    });

    it('is closed on an official holiday unless the hall opens on holidays', () => {
      expect(officeOpenStatus(hall(), calendar, { date: '2026-10-01', time: '10:00' }).openNow).toBe(false);
      expect(officeOpenStatus(hall({ openOnHolidays: true }), calendar, { date: '2026-10-01', time: '10:00' }).openNow).toBe(true);
    });

    it('is open on a 调休 Saturday with weekday hours', () => {
      const status = officeOpenStatus(hall(), calendar, { date: '2026-10-10', time: '10:00' });
      expect(status.openNow).toBe(true);
      expect(status.todayHours).toEqual(WEEKDAY);
    });

    it('follows a dated exception that closes the hall', () => {
      const closed = hall({ exceptions: [{ date: new Date('2026-11-23T00:00:00Z'), closed: true, hours: null, note: '培训' }] });
      const status = officeOpenStatus(closed, calendar, { date: '2026-11-23', time: '09:30' });
      expect(status).toMatchObject({ openNow: false, todayHours: [], opensNext: { date: '2026-11-24', time: '09:00' } });
    });

    it('reports a hall with impossible hours as closed and tells the caller, instead of throwing', () => {
      const broken = { ...hall(), weeklyHours: { '1': [['17:00', '09:00']] } };
      const errors: unknown[] = [];
      const status = officeOpenStatus(broken, calendar, { date: '2026-11-23', time: '09:30' }, (err) => errors.push(err));
      expect(status).toEqual({ openNow: false, todayHours: [], closesAt: null, opensNext: null });
      expect(errors).toHaveLength(1);
    });
  });

  describe('compareOffices', () => {
    const o = (name: string, level: 'COUNTY_CENTER' | 'TOWN_CENTER' | 'VILLAGE_STATION', distanceMeters: number | null, id = name) => ({ name, level, distanceMeters, id });

    it('sorts by distance when there is one, halls without coordinates last', () => {
      const sorted = [o('a', 'COUNTY_CENTER', 900), o('b', 'VILLAGE_STATION', 120), o('c', 'TOWN_CENTER', null)].sort(compareOffices);
      expect(sorted.map((x) => x.name)).toEqual(['b', 'a', 'c']);
    });

    it('without a location: county centre, then towns, then stations, by name within a level', () => {
      const sorted = [o('乙站', 'VILLAGE_STATION', null), o('甲镇', 'TOWN_CENTER', null), o('县中心', 'COUNTY_CENTER', null), o('甲站', 'VILLAGE_STATION', null)].sort(
        compareOffices,
      );
      expect(sorted.map((x) => x.level)).toEqual(['COUNTY_CENTER', 'TOWN_CENTER', 'VILLAGE_STATION', 'VILLAGE_STATION']);
    });
  });

  describe('distanceFrom', () => {
    it('is whole metres, and null without a location or with unusable office coordinates', () => {
      expect(distanceFrom({ lat: 27.8135, lng: 115.1208 }, { lat: 27.8135, lng: 115.1208 })).toBe(0);
      expect(distanceFrom({ lat: 27.8, lng: 115.1 }, { lat: 27.81, lng: 115.1 })).toBeGreaterThan(1100);
      expect(distanceFrom(undefined, { lat: 27.8, lng: 115.1 })).toBeNull();
      expect(distanceFrom({ lat: 27.8, lng: 115.1 }, { lat: 200, lng: 0 })).toBeNull();
    });
  });

  describe('takesTickets', () => {
    const windows = [{ categories: ['A', 'B'] }, { categories: ['C'] }];
    it('is true with a daily quota and a window that calls the service’s letter, whatever the window’s state now', () => {
      expect(takesTickets({ dailyTicketCapacity: 20 }, windows, 'C')).toBe(true);
    });
    it('is false without a quota, or when no window calls the letter (a number nobody calls)', () => {
      expect(takesTickets({ dailyTicketCapacity: 0 }, windows, 'C')).toBe(false);
      expect(takesTickets({ dailyTicketCapacity: 20 }, windows, 'F')).toBe(false);
      expect(takesTickets({ dailyTicketCapacity: 20 }, [], 'A')).toBe(false);
    });
  });

  describe('bookableOfficeIds / bookableServiceIds', () => {
    const readable = { weekTemplate: { '1': { start: '09:00', end: '12:00' } }, breaks: [], slotMinutes: 30, capacityPerSlot: 2, horizonDays: 7, releaseTime: '08:00', adjustedWorkdayWeekday: null };
    function fakePrisma(rows: Array<Record<string, unknown>>) {
      const findMany = jest.fn(async (_args: unknown) => rows);
      return { prisma: { slotRule: { findMany } } as unknown as PrismaClient, findMany };
    }

    it('asks for the active rules once for the whole list, whatever its length', async () => {
      const { prisma, findMany } = fakePrisma([
        { officeId: 'o1', serviceId: 's1', ...readable },
        { officeId: 'o2', serviceId: 's1', ...readable },
      ]);
      expect(await bookableOfficeIds(prisma, 's1')).toEqual(new Set(['o1', 'o2']));
      expect(findMany).toHaveBeenCalledTimes(1);
      expect(findMany.mock.calls[0]![0]).toMatchObject({ where: { serviceId: 's1', active: true } });
    });

    it('leaves out a rule the slot list could not read (it offers no appointments either)', async () => {
      const { prisma, findMany } = fakePrisma([
        { officeId: 'o1', serviceId: 's1', ...readable },
        { officeId: 'o1', serviceId: 's2', ...readable, weekTemplate: null },
        { officeId: 'o1', serviceId: 's3', ...readable, capacityPerSlot: 0 },
      ]);
      expect(await bookableServiceIds(prisma, 'o1')).toEqual(new Set(['s1']));
      expect(findMany.mock.calls[0]![0]).toMatchObject({ where: { officeId: 'o1', active: true } });
    });
  });

  describe('CalendarCache', () => {
    function fakePrisma(rows: Array<{ date: Date; kind: 'HOLIDAY' | 'WORKDAY' }>) {
      const findMany = jest.fn(async () => rows);
      return { prisma: { calendarDay: { findMany } } as unknown as PrismaClient, findMany };
    }

    it('loads once for concurrent callers and again only after the TTL', async () => {
      let now = 1_000;
      const { prisma, findMany } = fakePrisma([{ date: new Date('2026-10-01T00:00:00Z'), kind: 'HOLIDAY' }]);
      const cache = new CalendarCache(prisma, 60_000, () => now);
      const [a, b] = await Promise.all([cache.get(), cache.get()]);
      expect(a).toBe(b);
      expect(findMany).toHaveBeenCalledTimes(1);
      expect(a.dayKind('2026-10-01')).toBe('HOLIDAY');
      now += 59_000;
      await cache.get();
      expect(findMany).toHaveBeenCalledTimes(1);
      now += 2_000;
      await cache.get();
      expect(findMany).toHaveBeenCalledTimes(2);
    });

    it('does not cache a failed load', async () => {
      const findMany = jest.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValueOnce([]);
      const cache = new CalendarCache({ calendarDay: { findMany } } as unknown as PrismaClient);
      await expect(cache.get()).rejects.toThrow('db down');
      await expect(cache.get()).resolves.toBeDefined();
      expect(findMany).toHaveBeenCalledTimes(2);
    });
  });
});
