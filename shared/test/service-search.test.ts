import { matchServices, normalizeQuery, SEARCH_RANK, searchRank } from '../src/service-search';

const card = { id: 'card', name: '社会保障卡申领', aliases: ['社保卡', '社保', '医保卡'], department: '青石县人力资源和社会保障局', popularity: 900 };
const cardReissue = { id: 'card-reissue', name: '社会保障卡补领、换领', aliases: ['社保卡', '社保'], department: '青石县人力资源和社会保障局', popularity: 760 };
const pension = { id: 'pension', name: '城乡居民基本养老保险参保登记', aliases: ['社保', '养老保险'], department: '青石县人力资源和社会保障局', popularity: 620 };
const idRenewal = { id: 'id-renewal', name: '居民身份证换领', aliases: ['身份证', '换身份证'], department: '青石县公安局', popularity: 850 };
const SERVICES = [pension, idRenewal, cardReissue, card];

describe('matchServices (the service chooser runs the catalogue search’s rule)', () => {
  it('finds services by an alias, best rank first and then the more popular', () => {
    expect(matchServices(SERVICES, '社保').map((s) => s.id)).toEqual(['card', 'card-reissue', 'pension']);
    expect(matchServices(SERVICES, '社会保障卡').map((s) => s.id)).toEqual(['card', 'card-reissue']);
  });

  it('orders as searchRank says: an exact alias before a name that merely contains the keyword', () => {
    const ranked = matchServices(SERVICES, '身份证');
    expect(ranked.map((s) => s.id)).toEqual(['id-renewal']);
    expect(searchRank(idRenewal, '身份证')).toBe(SEARCH_RANK.EXACT_AND_IN_NAME);
    expect(matchServices(SERVICES, '公安').map((s) => s.id)).toEqual(['id-renewal']);
  });

  it('folds what an IME types and ignores case and spaces around it', () => {
    expect(normalizeQuery('  ＳＢ  ')).toBe('SB');
    expect(matchServices([{ ...card, aliases: ['SB'] }], ' ｓｂ ').map((s) => s.id)).toEqual(['card']);
  });

  it('matches nothing for a blank keyword or one no service has', () => {
    expect(matchServices(SERVICES, '   ')).toEqual([]);
    expect(matchServices(SERVICES, '结婚')).toEqual([]);
  });
});
