import { generateSlots } from '../../src/appointments/slots';
import { SEED_IDS } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

const O = SEED_IDS.offices;
const S = SEED_IDS.services;

interface SlotItem {
  id: string;
  start: string;
  end: string;
  startsAt: string;
  capacity: number;
  remaining: number;
  isReleased: boolean;
  releasesAt: string;
  isBookable: boolean;
  unavailableReason: string | null;
}
interface SlotDay {
  office: { id: string; name: string };
  service: { id: string; name: string };
  date: string;
  items: SlotItem[];
  release: { releasesAt: string; isReleased: boolean; label: string | null };
  note: string | null;
}

const get = (t: TestApp, officeId: string, query: Record<string, string>) => t.app.inject({ url: `/api/offices/${officeId}/slots`, query });
const day = async (t: TestApp, officeId: string, query: Record<string, string>) => {
  const res = await get(t, officeId, query);
  expect(res.statusCode).toBe(200);
  return res.json() as SlotDay;
};

describe('GET /api/offices/:id/slots (pinned Monday 2026-11-23 09:30)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
    await generateSlots(t.app);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('lists the day’s slots in Shanghai time with capacity and remaining places, no sign-in needed', async () => {
    const body = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-11-24' });
    expect(body.office).toEqual({ id: O.countyCenter, name: '青石县政务服务中心' });
    expect(body.service.id).toBe(S.marriageRegistration);
    expect(body.items).toHaveLength(14);
    expect(body.items[0]).toMatchObject({
      start: '09:00',
      end: '09:30',
      startsAt: '2026-11-24T01:00:00.000Z',
      capacity: 2,
      remaining: 2,
      isReleased: true,
      isBookable: true,
      unavailableReason: null,
    });
    expect(body.items.map((i) => i.start)).not.toContain('12:00');
    expect(body.release).toEqual({ releasesAt: '2026-11-17T00:00:00.000Z', isReleased: true, label: null });
    expect(body.note).toBeNull();
  });

  it('shows remaining places and a full slot as not bookable', async () => {
    const { items } = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-11-25' });
    await t.app.prisma.slot.update({ where: { id: items[0]!.id }, data: { booked: 2 } });
    await t.app.prisma.slot.update({ where: { id: items[1]!.id }, data: { booked: 1 } });
    const after = (await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-11-25' })).items;
    expect(after[0]).toMatchObject({ remaining: 0, isBookable: false, unavailableReason: 'FULL' });
    expect(after[1]).toMatchObject({ remaining: 1, isBookable: true });
  });

  it('defaults to today; slots that have started are listed as past', async () => {
    const body = await day(t, O.countyCenter, { serviceId: S.marriageRegistration });
    expect(body.date).toBe('2026-11-23');
    expect(body.items.find((i) => i.start === '09:00')).toMatchObject({ isBookable: false, unavailableReason: 'PAST' });
    expect(body.items.find((i) => i.start === '10:00')).toMatchObject({ isBookable: true });
  });

  it('lists tomorrow’s release before it happens: not bookable, "明天 08:00 放号"', async () => {
    const body = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-12-01' });
    expect(body.items).toHaveLength(14);
    expect(body.items.every((i) => !i.isBookable && !i.isReleased && i.unavailableReason === 'NOT_RELEASED')).toBe(true);
    expect(body.items[0]!.releasesAt).toBe('2026-11-24T00:00:00.000Z');
    expect(body.release).toEqual({ releasesAt: '2026-11-24T00:00:00.000Z', isReleased: false, label: '明天 08:00 放号' });
  });

  it('says when a day beyond the horizon opens, and why a day has no slots', async () => {
    const far = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-12-21' });
    expect(far.items).toEqual([]);
    expect(far.release.label).toBe('12月14日 08:00 放号');
    expect(far.note).toContain('尚未开放');
    const sunday = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-11-29' });
    expect(sunday.note).toBe('当日不提供这项业务的预约，请选择其他日期');
    const past = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-11-20' });
    expect(past.note).toContain('已过去');
  });

  it('says a hall is closed that day by its dated exception', async () => {
    await t.app.prisma.officeException.create({ data: { officeId: O.countyCenter, date: new Date('2026-12-15T00:00:00Z'), closed: true, note: '系统升级' } });
    try {
      const body = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-12-15' });
      expect(body).toMatchObject({ items: [], note: '大厅当日暂停服务：系统升级' });
    } finally {
      await t.app.prisma.officeException.deleteMany({ where: { officeId: O.countyCenter, date: new Date('2026-12-15T00:00:00Z') } });
    }
  });

  it('404 for an unknown hall or service', async () => {
    const unknownOffice = await get(t, '5eed0001-0000-4000-8000-0000000000ff', { serviceId: S.marriageRegistration, date: '2026-11-24' });
    expect(unknownOffice.statusCode).toBe(404);
    expect(errorCodeOf(unknownOffice)).toBe('NOT_FOUND');
    const unknownService = await get(t, O.countyCenter, { serviceId: '5eed0003-0000-4000-8000-0000000000ff', date: '2026-11-24' });
    expect(unknownService.statusCode).toBe(404);
    expect(errorCodeOf(unknownService)).toBe('NOT_FOUND');
  });

  it.each([
    ['an impossible date', { serviceId: S.marriageRegistration, date: '2026-02-30' }],
    ['a date in another format', { serviceId: S.marriageRegistration, date: '2026/11/24' }],
    ['a word for a date', { serviceId: S.marriageRegistration, date: 'tomorrow' }],
    // Real calendar days no DATE column or person means (year 0 is a database error).
    ['year 0', { serviceId: S.marriageRegistration, date: '0000-01-01' }],
    ['year 9999', { serviceId: S.marriageRegistration, date: '9999-12-31' }],
    ['a year before 2000', { serviceId: S.marriageRegistration, date: '1999-12-31' }],
    ['a year after 2099', { serviceId: S.marriageRegistration, date: '2100-01-01' }],
    ['a malformed service id', { serviceId: 'abc', date: '2026-11-24' }],
    ['no service id', { date: '2026-11-24' }],
    ['an unknown parameter', { serviceId: S.marriageRegistration, date: '2026-11-24', page: '2' }],
  ])('400 for %s', async (_what, query) => {
    const res = await get(t, O.countyCenter, query);
    expect(res.statusCode).toBe(400);
    expect(errorCodeOf(res)).toBe('VALIDATION_FAILED');
  });

  it('400 for a malformed hall id', async () => {
    const res = await get(t, 'not-a-uuid', { serviceId: S.marriageRegistration });
    expect(res.statusCode).toBe(400);
    expect(errorCodeOf(res)).toBe('VALIDATION_FAILED');
  });

  it('422 SERVICE_NOT_OFFERED when the hall does not handle the service at all', async () => {
    const res = await get(t, O.wenchangStation, { serviceId: S.marriageRegistration, date: '2026-11-24' });
    expect(res.statusCode).toBe(422);
    expect(errorCodeOf(res)).toBe('SERVICE_NOT_OFFERED');
  });

  it('422 APPOINTMENT_NOT_OFFERED when the hall handles it but takes no bookings (or switched them off)', async () => {
    const res = await get(t, O.countyCenter, { serviceId: S.socialSecurityCardApply, date: '2026-11-24' });
    expect(res.statusCode).toBe(422);
    expect(errorCodeOf(res)).toBe('APPOINTMENT_NOT_OFFERED');
    expect(res.json()).toEqual({ error: { code: 'APPOINTMENT_NOT_OFFERED', message: '该大厅暂不提供这项业务的网上预约，可直接到窗口办理' } });
    const where = { officeId_serviceId: { officeId: O.qingyunTown, serviceId: S.residentIdRenewal } };
    await t.app.prisma.slotRule.update({ where, data: { active: false } });
    try {
      const off = await get(t, O.qingyunTown, { serviceId: S.residentIdRenewal, date: '2026-11-24' });
      expect(errorCodeOf(off)).toBe('APPOINTMENT_NOT_OFFERED');
    } finally {
      await t.app.prisma.slotRule.update({ where, data: { active: true } });
    }
  });
});

describe('GET /api/offices/:id/slots at other moments', () => {
  it('before 08:00 today’s release is "今天 08:00 放号"; at 08:00 it is bookable', async () => {
    const early = await build({ env: { PALM_CLOCK: '2026-11-23T07:59:00+08:00' } });
    try {
      await generateSlots(early.app);
      const before = await day(early, O.qingyunTown, { serviceId: S.residentIdRenewal, date: '2026-11-30' });
      expect(before.release.label).toBe('今天 08:00 放号');
      expect(before.items[0]).toMatchObject({ start: '08:30', isReleased: false, isBookable: false, unavailableReason: 'NOT_RELEASED' });
    } finally {
      await early.close();
    }
    const onTime = await build({ env: { PALM_CLOCK: '2026-11-23T08:00:00+08:00' }, reset: false });
    try {
      const after = await day(onTime, O.qingyunTown, { serviceId: S.residentIdRenewal, date: '2026-11-30' });
      expect(after.release).toMatchObject({ isReleased: true, label: null });
      expect(after.items[0]).toMatchObject({ isReleased: true, isBookable: true });
    } finally {
      await onTime.close();
    }
  });

  it('a holiday has no slots and says so (National Day 2026)', async () => {
    const t = await build({ env: { PALM_CLOCK: '2026-09-28T09:00:00+08:00' } });
    try {
      await generateSlots(t.app, { days: 14 });
      const body = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-10-02' });
      expect(body).toMatchObject({ items: [], note: '法定节假日不开放预约，急办事项可到大厅现场办理' });
      const workingSaturday = await day(t, O.countyCenter, { serviceId: S.marriageRegistration, date: '2026-10-10' });
      expect(workingSaturday.items).toHaveLength(14);
    } finally {
      await t.close();
      await closeTestDatabase();
    }
  });
});
