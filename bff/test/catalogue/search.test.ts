import { SERVICE_CATEGORY_KEYS, SERVICE_CATEGORY_LABELS, LICENCE_TYPE_KEYS, OFFICE_LEVEL_KEYS } from '@palm/shared/server';
import { LicenceType, OfficeLevel } from '@palm/db/client';
import { SERVICE_CATEGORIES } from '@palm/shared';
import { isAppError } from '../../src/lib/errors';
import { decodeCursor, encodeCursor } from '../../src/catalogue/cursor';
import { categoryLabel, escapeLike, normalizeQuery, SEARCH_RANK, searchRank } from '../../src/catalogue/search';

const WORST = SEARCH_RANK.DEPARTMENT_CONTAINS;

describe('catalogue search helpers', () => {
  describe('normalizeQuery', () => {
    it('trims, collapses spaces and treats blank as no keyword', () => {
      expect(normalizeQuery('  社保  ')).toBe('社保');
      expect(normalizeQuery('身份证   补领')).toBe('身份证 补领');
      expect(normalizeQuery('   ')).toBeUndefined();
      expect(normalizeQuery('')).toBeUndefined();
      expect(normalizeQuery(undefined)).toBeUndefined();
    });

    it('folds full-width IME input and removes control characters (PostgreSQL text cannot hold NUL)', () => {
      expect(normalizeQuery('ＡＢＣ１２３')).toBe('ABC123');
      expect(normalizeQuery('社\u0000保')).toBe('社 保');
      expect(normalizeQuery('\n\t退休\r')).toBe('退休');
      expect(Array.from(normalizeQuery('㍿'.repeat(40))!)).toHaveLength(40);
    });

    it('keeps emoji and quotes as they are (they are parameters, not SQL)', () => {
      expect(normalizeQuery("O'Brien 😀")).toBe("O'Brien 😀");
    });
  });

  describe('escapeLike', () => {
    it('escapes the LIKE wildcards and the escape character itself', () => {
      expect(escapeLike('100%')).toBe('100\\%');
      expect(escapeLike('a_b')).toBe('a\\_b');
      expect(escapeLike('C:\\path')).toBe('C:\\\\path');
      expect(escapeLike('%_\\')).toBe('\\%\\_\\\\');
    });

    it('leaves everything else alone', () => {
      expect(escapeLike("营业执照 ' \" ; -- 😀")).toBe("营业执照 ' \" ; -- 😀");
    });
  });

  describe('searchRank', () => {
    const retirement = { name: '企业职工基本养老保险待遇申领（办理退休）', aliases: ['社保', '退休', '办退休'], department: '青石县人力资源和社会保障局' };
    const fundWithdrawal = { name: '住房公积金提取', aliases: ['公积金', '退休提取', '退休'], department: '云溪市住房公积金中心' };
    const idRenewal = { name: '身份证换领', aliases: ['换身份证'], department: '青石县公安局' };

    it('puts an exact alias that the name also says ahead of an alias alone', () => {
      expect(searchRank(retirement, '退休')).toBe(SEARCH_RANK.EXACT_AND_IN_NAME);
      expect(searchRank(fundWithdrawal, '退休')).toBe(SEARCH_RANK.EXACT);
    });

    it('orders exact > name prefix > name contains > alias contains > department', () => {
      expect(searchRank(idRenewal, '身份证换领')).toBe(SEARCH_RANK.EXACT_AND_IN_NAME);
      expect(searchRank(idRenewal, '身份证')).toBe(SEARCH_RANK.NAME_PREFIX);
      expect(searchRank(idRenewal, '换领')).toBe(SEARCH_RANK.NAME_CONTAINS);
      expect(searchRank(idRenewal, '换身')).toBe(SEARCH_RANK.ALIAS_CONTAINS);
      expect(searchRank(idRenewal, '公安')).toBe(SEARCH_RANK.DEPARTMENT_CONTAINS);
      expect(searchRank(idRenewal, '结婚')).toBeUndefined();
      const ranks = Object.values(SEARCH_RANK);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    });

    it('ignores case for Latin letters', () => {
      expect(searchRank({ name: 'ETC办理', aliases: [], department: '' }, 'etc')).toBe(SEARCH_RANK.NAME_PREFIX);
    });
  });

  describe('cursor', () => {
    const id = '5eed0003-0000-4000-8000-000000000001';

    it('round-trips the keyset position', () => {
      const cursor = { rank: 2, popularity: 640, id };
      const encoded = encodeCursor(cursor);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(encoded, WORST)).toEqual(cursor);
    });

    it.each([
      ['not base64 json', 'bm90IGpzb24'],
      ['wrong shape', Buffer.from('{"rank":1}').toString('base64url')],
      ['rank out of range', encodeCursor({ rank: 99, popularity: 1, id })],
      ['fractional popularity', Buffer.from(JSON.stringify([1, 1.5, id])).toString('base64url')],
      ['id that would break a ::uuid cast', Buffer.from(JSON.stringify([1, 1, "x'; DROP TABLE"])).toString('base64url')],
      ['garbage', '____'],
    ])('rejects %s as a 400 VALIDATION_FAILED', (_label, value) => {
      let thrown: unknown;
      try {
        decodeCursor(value, WORST);
      } catch (err) {
        thrown = err;
      }
      expect(isAppError(thrown) && thrown.code === 'VALIDATION_FAILED' && thrown.statusCode === 400).toBe(true);
    });
  });

  describe('labels and keys', () => {
    it('has the same categories as the seeds, with the same labels', () => {
      expect(SERVICE_CATEGORY_KEYS).toEqual(SERVICE_CATEGORIES.map((c) => c.key));
      for (const c of SERVICE_CATEGORIES) expect(SERVICE_CATEGORY_LABELS[c.key]).toBe(c.label);
      expect(categoryLabel('SOCIAL_SECURITY')).toBe('社会保险');
      expect(categoryLabel('SOMETHING_NEW')).toBe('其他服务');
    });

    it('names every licence type and office level of the database schema', () => {
      expect([...LICENCE_TYPE_KEYS].sort()).toEqual(Object.values(LicenceType).sort());
      expect([...OFFICE_LEVEL_KEYS].sort()).toEqual(Object.values(OfficeLevel).sort());
    });
  });
});
