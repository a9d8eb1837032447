// 大厅信息's rules as typed and its words before saving (pages/admin/profile/model.ts).
import { profileConsequence, profilePatch, profileProblems, type ProfileDraft } from '../../src/pages/admin/profile/model';

const WAS: ProfileDraft = { name: '青石县政务服务中心', address: '青石县人民路 1 号', phone: '0797-1234567', serviceIds: ['a', 'b'] };
const names: Record<string, string> = { a: '居民身份证换领', b: '结婚登记', c: '不动产登记' };

describe('大厅信息 (the hall profile form)', () => {
  it('checks each field as the BFF does', () => {
    expect(profileProblems(WAS)).toEqual({});
    expect(profileProblems({ ...WAS, phone: '' })).toEqual({});
    expect(profileProblems({ name: ' 中', address: 'x', phone: '0797 12', serviceIds: [] })).toEqual({
      name: expect.stringContaining('2 到 60'),
      address: expect.stringContaining('2 到 200'),
      phone: expect.stringContaining('7 到 20 位'),
      serviceIds: expect.stringContaining('至少选择一个'),
    });
    expect(profileProblems({ ...WAS, name: '中'.repeat(61) }).name).toBeDefined();
  });

  it('sends only what changed, an emptied phone as null', () => {
    expect(profilePatch(WAS, WAS)).toEqual({});
    expect(profilePatch({ ...WAS, name: ' 新名称 ', phone: '', serviceIds: ['b', 'a'] }, WAS)).toEqual({ name: '新名称', phone: null });
    expect(profilePatch({ ...WAS, serviceIds: ['b', 'c'] }, WAS)).toEqual({ serviceIds: ['b', 'c'] });
  });

  it('says what saving does: fields, services started and stopped by name', () => {
    expect(profileConsequence(WAS, WAS, (id) => names[id]!)).toBe('没有改动。');
    const words = profileConsequence({ ...WAS, phone: '', serviceIds: ['b', 'c'] }, WAS, (id) => names[id]!);
    expect(words).toContain('不再显示咨询电话');
    expect(words).toContain('开始办理：不动产登记');
    expect(words).toContain('停办：居民身份证换领');
    expect(words).toContain('还有未办理的预约时不能停办');
    expect(words).not.toContain('今天已取号');
  });

  it('says who is still in today’s line for a stopped service: they are still called', () => {
    const waiting: Record<string, number> = { a: 3, b: 1, c: 0 };
    const words = profileConsequence({ ...WAS, serviceIds: ['c'] }, WAS, (id) => names[id]!, (id) => waiting[id] ?? 0);
    expect(words).toContain('停办：居民身份证换领、结婚登记');
    expect(words).toContain('今天已取号的“居民身份证换领”3人、“结婚登记”1人照常叫号办理，停办后不能再取号');
    // Only a stopped service's line is named.
    expect(profileConsequence({ ...WAS, serviceIds: ['a', 'b', 'c'] }, WAS, (id) => names[id]!, (id) => waiting[id] ?? 0)).not.toContain('今天已取号');
  });
});
