import { SERVICE_CATEGORY_KEYS, SERVICE_CATEGORY_LABELS } from '@palm/shared/server';
import { isElderModeSearch, SERVICE_CATEGORIES } from '../../src/lib/categories';
import { formatDistance, formatHours, formatPromisedDays, joinFacts, officeStatus } from '../../src/lib/format';

describe('categories', () => {
  it('mirrors the BFF category keys and labels exactly, in order', () => {
    expect(SERVICE_CATEGORIES.map((c) => c.key)).toEqual([...SERVICE_CATEGORY_KEYS]);
    for (const { key, label } of SERVICE_CATEGORIES) expect(label).toBe(SERVICE_CATEGORY_LABELS[key]);
  });

  it.each(['长辈版', '关怀版', '老年模式', '适老化', '大字版'])('finds the 长辈版 switch for “%s”', (query) => {
    expect(isElderModeSearch(query)).toBe(true);
  });

  it('does not for a service search', () => {
    expect(isElderModeSearch('养老保险')).toBe(false);
  });
});

describe('formatting', () => {
  it('says distances in metres, then kilometres', () => {
    expect(formatDistance(0)).toBe('0米');
    expect(formatDistance(766)).toBe('766米');
    expect(formatDistance(2345)).toBe('2.3公里');
    expect(formatDistance(23456)).toBe('23公里');
    expect(formatDistance(null)).toBe('');
  });

  it('lists opening hours, or 休息', () => {
    expect(formatHours([['09:00', '12:00'], ['13:30', '17:30']])).toBe('09:00–12:00，13:30–17:30');
    expect(formatHours([])).toBe('休息');
  });

  it('says open or closed in words, with when it closes or opens next', () => {
    const now = Date.parse('2026-11-22T10:00:00+08:00');
    expect(officeStatus({ openNow: true, closesAt: '12:00', opensNext: null }, now)).toEqual({ tone: 'open', text: '营业中', detail: '12:00 关门' });
    expect(officeStatus({ openNow: false, closesAt: null, opensNext: { date: '2026-11-23', time: '09:00' } }, now)).toEqual({
      tone: 'closed',
      text: '休息中',
      detail: '明天 09:00 开门',
    });
    expect(officeStatus({ openNow: false, closesAt: null, opensNext: { date: '2026-11-25', time: '09:00' } }, now).detail).toBe('11月25日 09:00 开门');
  });

  it('names the lunch break, not 关门, when the hall opens again later today', () => {
    const todayHours: [string, string][] = [['09:00', '12:00'], ['13:30', '17:30']];
    expect(officeStatus({ openNow: true, closesAt: '12:00', opensNext: null, todayHours }).detail).toBe('午休 12:00–13:30');
    expect(officeStatus({ openNow: true, closesAt: '17:30', opensNext: null, todayHours }).detail).toBe('17:30 关门');
  });

  it('joins facts with a · that stays on the line before it (never starts a wrapped line)', () => {
    expect(joinFacts('营业中', '', null, '1.1公里')).toBe('营业中\u00a0· 1.1公里');
  });

  it('calls 0 working days 即办', () => {
    expect(formatPromisedDays(0)).toBe('即办（当场办结）');
    expect(formatPromisedDays(10)).toBe('10个工作日');
  });
});
