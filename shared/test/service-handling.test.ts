import { describeHandling, formatFee, HANDLING_ACTION_LABELS, handlingFactsOf, type HandlingFacts } from '../src/service-handling';

const base: HandlingFacts = {
  name: '社会保障卡申领',
  appointmentRequired: false,
  onlineAllowed: false,
  proxyAllowed: true,
  halls: 10,
  bookableHalls: 0,
  ticketHalls: 10,
};
const labels = (facts: Partial<HandlingFacts>) => describeHandling({ ...base, ...facts }).actions.map((a) => HANDLING_ACTION_LABELS[a]);

describe('describeHandling', () => {
  it('a walk-in service: 取号 first, 去哪办, and says no booking is needed', () => {
    const handling = describeHandling(base);
    expect(handling.actions).toEqual(['TICKET', 'WHERE']);
    expect(handling.primary).toBe('TICKET');
    expect(handling.ways).toBe('到大厅办理');
    expect(handling.atHall).toBe('无需预约，可网上取号或到大厅取号');
    expect(handling.byWhom).toBe('可委托他人代办');
    expect(handling.online).toBeNull();
  });

  it('a walk-in service some halls also book: 取号 stays first, 预约 beside it, and the words say both without contradiction', () => {
    const handling = describeHandling({ ...base, bookableHalls: 3, proxyAllowed: false });
    expect(handling.actions).toEqual(['TICKET', 'BOOK', 'WHERE']);
    expect(handling.atHall).toBe('无需预约，可网上取号或到大厅取号；也可网上预约，签到后优先叫号');
    expect(handling.byWhom).toBe('须本人到场办理');
  });

  it('a service that needs a booking: 预约 is the main action and no 取号 is offered (the check-in gives the number)', () => {
    const handling = describeHandling({ ...base, appointmentRequired: true, bookableHalls: 1 });
    expect(handling.actions).toEqual(['BOOK', 'WHERE']);
    expect(handling.primary).toBe('BOOK');
    expect(handling.atHall).toBe('需先网上预约，按预约时间到大厅签到办理');
    expect(handling.atHall).not.toContain('无需预约');
  });

  it('a service that needs a booking no hall takes online: 去哪办 (the hall’s phone), never a dead 预约', () => {
    const handling = describeHandling({ ...base, appointmentRequired: true, bookableHalls: 0 });
    expect(handling.actions).toEqual(['WHERE']);
    expect(handling.primary).toBe('WHERE');
    expect(handling.atHall).toBe('需先预约，请致电大厅预约后前往');
  });

  it('a hall without numbers or bookings: go to the window, 去哪办 is the main action', () => {
    const handling = describeHandling({ ...base, ticketHalls: 0 });
    expect(handling.actions).toEqual(['WHERE']);
    expect(handling.atHall).toBe('无需预约，可直接到大厅窗口办理');
    expect(describeHandling({ ...base, ticketHalls: 0, bookableHalls: 2 }).actions).toEqual(['BOOK', 'WHERE']);
  });

  it('online allowed: 在线办 is offered, never as the main action while a hall channel exists, and explains the channel honestly', () => {
    const handling = describeHandling({ ...base, onlineAllowed: true });
    expect(handling.actions).toEqual(['TICKET', 'ONLINE', 'WHERE']);
    expect(handling.ways).toBe('到大厅办理、网上办理');
    expect(handling.online).toEqual([
      '这项业务可以在网上申请。',
      '请登录省政务服务网或其手机App，搜索“社会保障卡申领”，按提示填写信息、上传材料（材料见本页“所需材料”）。',
      '掌上办暂时不能直接提交申请；要到大厅办理，可以点下方的“取号”。',
    ]);
    expect(labels({ onlineAllowed: true, bookableHalls: 1 })).toEqual(['取号', '预约', '在线办', '去哪办']);
  });

  it('online only (no hall offers it): 在线办 is the one action', () => {
    const handling = describeHandling({ ...base, onlineAllowed: true, halls: 0, ticketHalls: 0 });
    expect(handling.actions).toEqual(['ONLINE']);
    expect(handling.primary).toBe('ONLINE');
    expect(handling.ways).toBe('网上办理');
    expect(handling.online?.[2]).toBe('掌上办暂时不能直接提交申请。');
  });

  it('nothing at all: no action and words that send people to ask', () => {
    const handling = describeHandling({ ...base, halls: 0, ticketHalls: 0 });
    expect(handling).toMatchObject({ actions: [], primary: null, ways: '请咨询县政务服务中心', atHall: '暂无可以办理的大厅' });
  });

  it('at most one primary, always the first action, and every word in full-width punctuation', () => {
    const flags = [false, true];
    for (const appointmentRequired of flags)
      for (const onlineAllowed of flags)
        for (const proxyAllowed of flags)
          for (const halls of [0, 3])
            for (const bookableHalls of halls ? [0, 1] : [0])
              for (const ticketHalls of halls ? [0, 3] : [0]) {
                const h = describeHandling({ ...base, appointmentRequired, onlineAllowed, proxyAllowed, halls, bookableHalls, ticketHalls });
                expect(h.primary).toBe(h.actions[0] ?? null);
                expect(new Set(h.actions).size).toBe(h.actions.length);
                const words = [h.ways, h.atHall, h.byWhom, ...(h.online ?? [])].join('');
                expect(words).not.toMatch(/[?,:;()]/);
                if (h.actions.includes('BOOK') && !appointmentRequired) expect(h.atHall).toContain('也可网上预约');
                if (appointmentRequired) expect(h.atHall).not.toContain('无需预约');
              }
  });
});

describe('handlingFactsOf', () => {
  it('counts the halls of a guide, those that book and those that give out numbers', () => {
    const hall = (hasOnlineBooking: boolean, takesTickets: boolean) => ({ hasOnlineBooking, takesTickets });
    const guide = { name: '居民身份证换领', channels: { online: false, proxy: false, appointmentRequired: false }, offices: [hall(true, true), hall(false, true), hall(false, false)] };
    expect(handlingFactsOf(guide)).toEqual({ name: '居民身份证换领', appointmentRequired: false, onlineAllowed: false, proxyAllowed: false, halls: 3, bookableHalls: 1, ticketHalls: 2 });
  });
});

describe('formatFee', () => {
  it.each([
    [0, null, '免费'],
    [2000, null, '20 元'],
    [1250, null, '12.5 元'],
    [1205, null, '12.05 元'],
    [50, null, '0.5 元'],
    [10000, null, '100 元'],
    [2000, 4000, '20–40 元'],
    [4000, 5000, '40–50 元'],
    [0, 2000, '0–20 元'],
    [2000, 2000, '20 元'],
  ])('%i fen up to %p → %s', (fen, maxFen, shown) => {
    expect(formatFee(fen, maxFen)).toBe(shown);
  });
});
