// The guide's 办理方式 and action bar for every combination of catalogue facts the seeds contain,
// written out: a seed change that brings a new combination fails here until its words are read
// and agreed. The words come from @palm/shared describeHandling, the one function both the facts
// list and the action bar use.
import { describeHandling, HANDLING_ACTION_LABELS } from '@palm/shared';
import { SERVICES } from '../../../seeds';
import { combinationOf, seedHandlingFacts } from './seed-handling';

interface Expected {
  example: string;
  ways: string;
  atHall: string;
  byWhom: string;
  bar: string[];
}

const EXPECTED: Record<string, Expected> = {
  'no appointment required, online, proxy, no bookable hall, ticket hall, hall': {
    example: '社会保障卡申领',
    ways: '到大厅办理、网上办理',
    atHall: '无需预约，可网上取号或到大厅取号',
    byWhom: '可委托他人代办',
    bar: ['取号', '在线办', '去哪办'],
  },
  'no appointment required, online, proxy, bookable hall, ticket hall, hall': {
    example: '有限责任公司设立登记',
    ways: '到大厅办理、网上办理',
    atHall: '无需预约，可网上取号或到大厅取号；也可网上预约，签到后优先叫号',
    byWhom: '可委托他人代办',
    bar: ['取号', '预约', '在线办', '去哪办'],
  },
  'no appointment required, no online, no proxy, bookable hall, ticket hall, hall': {
    example: '居民身份证换领',
    ways: '到大厅办理',
    atHall: '无需预约，可网上取号或到大厅取号；也可网上预约，签到后优先叫号',
    byWhom: '须本人到场办理',
    bar: ['取号', '预约', '去哪办'],
  },
  'no appointment required, no online, no proxy, no bookable hall, ticket hall, hall': {
    example: '居民身份证补领',
    ways: '到大厅办理',
    atHall: '无需预约，可网上取号或到大厅取号',
    byWhom: '须本人到场办理',
    bar: ['取号', '去哪办'],
  },
  'no appointment required, no online, proxy, no bookable hall, ticket hall, hall': {
    example: '特困人员救助供养申请',
    ways: '到大厅办理',
    atHall: '无需预约，可网上取号或到大厅取号',
    byWhom: '可委托他人代办',
    bar: ['取号', '去哪办'],
  },
  'appointment required, no online, no proxy, bookable hall, ticket hall, hall': {
    example: '内地居民结婚登记',
    ways: '到大厅办理',
    atHall: '需先网上预约，按预约时间到大厅签到办理',
    byWhom: '须本人到场办理',
    bar: ['预约', '去哪办'],
  },
  'appointment required, online, no proxy, bookable hall, ticket hall, hall': {
    example: '住房公积金个人住房贷款',
    ways: '到大厅办理、网上办理',
    atHall: '需先网上预约，按预约时间到大厅签到办理',
    byWhom: '须本人到场办理',
    bar: ['预约', '在线办', '去哪办'],
  },
};

const seeded = SERVICES.map((service) => ({ service, facts: seedHandlingFacts(service) }));

describe('办理方式 for every combination in the seeds (describeHandling)', () => {
  it('has written words for exactly the combinations the seeds contain', () => {
    expect([...new Set(seeded.map(({ facts }) => combinationOf(facts)))].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (combination, expected) => {
    const services = seeded.filter(({ facts }) => combinationOf(facts) === combination);
    expect(services.map(({ service }) => service.name)).toContain(expected.example);
    for (const { service, facts } of services) {
      const handling = describeHandling(facts);
      expect({ service: service.name, ways: handling.ways, atHall: handling.atHall, byWhom: handling.byWhom, bar: handling.actions.map((a) => HANDLING_ACTION_LABELS[a]) }).toEqual({
        service: service.name,
        ways: expected.ways,
        atHall: expected.atHall,
        byWhom: expected.byWhom,
        bar: expected.bar,
      });
      expect(handling.primary).toBe(handling.actions[0]);
      // 在线办 is there exactly when the catalogue allows it online, with words naming the service.
      expect(handling.online === null).toBe(!service.onlineAllowed);
      if (handling.online) expect(handling.online.join('')).toContain(`“${service.name}”`);
    }
  });
});
