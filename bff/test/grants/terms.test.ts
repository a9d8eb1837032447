// The terms of a new grant (grants/terms.ts), without a database: kinds and their length, the
// last day a person may choose, the limits and the words of each refusal.
import { AppError } from '../../src/lib/errors';
import { checkLimits, grantKindOf, stateRefusal, validUntilOf } from '../../src/grants/terms';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return [err.code, err.message];
    throw err;
  }
  return null;
};

describe('grant terms', () => {
  it('makes a grid worker’s grant 90 days and outside the family limit; family a year', () => {
    expect(grantKindOf('子女', ['CITIZEN'], true)).toEqual({ isGrid: false, isFamily: true, days: 365, granteeLimit: 5 });
    expect(grantKindOf('网格员', ['CITIZEN', 'GRID_WORKER'], true)).toEqual({ isGrid: true, isFamily: false, days: 90, granteeLimit: 500 });
    // A grid worker named as family: 90 days (the grantee is a grid worker), still family.
    expect(grantKindOf('子女', ['CITIZEN', 'GRID_WORKER'], true)).toEqual({ isGrid: true, isFamily: true, days: 90, granteeLimit: 500 });
    expect(refusal(() => grantKindOf('代办员', ['CITIZEN'], true))).toEqual(['GRANT_RELATION_GRID_WORKER', '对方不是网格员，不能选择网格员或代办员关系']);
  });

  it('ends a grant at the end of its last day (Asia/Shanghai), from today to the longest term', () => {
    expect(validUntilOf('2026-11-23', 365).toISOString()).toBe('2027-11-23T16:00:00.000Z');
    expect(validUntilOf('2026-11-23', 90, '2026-11-23').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(refusal(() => validUntilOf('2026-11-23', 90, '2027-02-22'))).toEqual(['GRANT_VALIDITY_INVALID', '有效期可选2026-11-23至2027-02-21（网格员授权最长90天）']);
    expect(refusal(() => validUntilOf('2026-11-23', 365, '2026-11-22'))?.[0]).toBe('GRANT_VALIDITY_INVALID');
  });

  it('refuses a duplicate first, then the grantor’s family limit, then the grantee’s', () => {
    const family = grantKindOf('子女', ['CITIZEN'], true);
    expect(refusal(() => checkLimits({ family: 5, held: 5, duplicate: true }, family, true))?.[0]).toBe('GRANT_DUPLICATE');
    expect(refusal(() => checkLimits({ family: 5, held: 5, duplicate: false }, family, true))?.[0]).toBe('GRANT_FAMILY_LIMIT');
    expect(refusal(() => checkLimits({ family: 4, held: 5, duplicate: false }, family, false))).toEqual(['GRANT_GRANTEE_LIMIT', '您可代办的人数已满（最多5人），请先退出不再需要的代办']);
    expect(refusal(() => checkLimits({ family: 4, held: 4, duplicate: false }, family, true))).toBeNull();
    const grid = grantKindOf('网格员', ['GRID_WORKER'], true);
    expect(refusal(() => checkLimits({ family: 5, held: 499, duplicate: false }, grid, true))).toBeNull();
    expect(refusal(() => checkLimits({ family: 0, held: 500, duplicate: false }, grid, true))?.[0]).toBe('GRANT_GRANTEE_LIMIT');
  });

  it('says why a transition changed nothing', () => {
    const now = new Date('2026-11-23T01:30:00Z');
    const later = new Date('2026-12-01T00:00:00Z');
    expect(stateRefusal({ status: 'ACTIVE', validUntil: later }, now).message).toBe('该授权已生效');
    expect(stateRefusal({ status: 'ACTIVE', validUntil: now }, now).message).toBe('该授权已过期');
    expect(stateRefusal({ status: 'REVOKED', validUntil: later }, now)).toMatchObject({ code: 'GRANT_STATE', statusCode: 409, message: '该授权已撤销' });
  });
});
