// 人员管理, 操作记录 and the calendar's file import against a scripted BFF: an invitation is checked
// as typed (the phone with @palm/shared's check, the hall or region its role needs), says what it
// will do before it is sent and whether an account was made after; a revocation says it ends the
// person's sessions and frees their windows; the BFF's refusal is shown in its words; the audit
// says each change in words with before → after, paged; a CSV file chosen on H5 fills the paste box
// and is checked like a paste.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AdminAuditEntry, AdminStaff, Me } from '@palm/shared/server';
import { setMe } from '../../src/api/session';
import AuditPage from '../../src/pages/admin/audit/index';
import CalendarPage from '../../src/pages/admin/calendar/index';
import ConsolePage from '../../src/pages/admin/home/index';
import { parseCalendarText } from '../../src/pages/admin/model';
import StaffPage from '../../src/pages/admin/staff/index';
import { actionWords, changeWords, entryNote, fieldChanges, inviteBody, inviteConsequence, inviteProblems, type InviteDraft } from '../../src/pages/admin/staff-model';
import { answerRequests, fail, me, ok, resetAll, signIn, taro } from '../helpers';

const COUNTY = '5eed0001-0000-4000-8000-000000000001';
const TOWN = '5eed0001-0000-4000-8000-000000000002';
const HALLS = new Map([
  [COUNTY, '青石县政务服务中心'],
  [TOWN, '青云街道为民服务中心'],
]);
const managerMe: Me = { ...me, id: '5eed0004-0000-4000-8000-000000000007', name: '马晓慧', roles: ['CITIZEN', 'MANAGER'], officeId: COUNTY };
const adminMe: Me = { ...me, id: '5eed0004-0000-4000-8000-000000000006', name: '管理员', roles: ['CITIZEN', 'ADMIN'], officeId: null };

const hallList = { items: [...HALLS].map(([id, name]) => ({ id, name, code: id.slice(-4), level: 'COUNTY_CENTER', levelLabel: '政务服务中心', regionCode: '361221000000', address: '人民路1号', lat: 0, lng: 0, phone: null, distanceMeters: null, openNow: true, todayHours: [], closesAt: null, opensNext: null })) };
const staff = (patch: Partial<AdminStaff>): AdminStaff => ({ id: 'a0000000-0000-4000-8000-000000000001', name: '赵雪梅', phoneMasked: '138****0003', roles: ['CITIZEN', 'CLERK'], officeId: COUNTY, regionCode: null, ...patch });
const type = (selector: string, value: string) => fireEvent.input(document.querySelector(selector)!, { target: { value } });
const textOf = (selector: string) => document.querySelector(selector)?.textContent ?? '';

beforeEach(() => resetAll());

describe('an invitation, checked as typed', () => {
  const draft: InviteDraft = { phone: '13800000000', role: 'CLERK', officeId: COUNTY, regionCode: '' };

  it('checks the phone with the shared rule, and the hall or region the role needs', () => {
    expect(inviteProblems(draft)).toEqual({});
    expect(inviteProblems({ ...draft, phone: '' }).phone).toBe('请填写对方的11位手机号');
    expect(inviteProblems({ ...draft, phone: '1380000' }).phone).toContain('不是11位手机号');
    expect(inviteProblems({ ...draft, phone: '12800000000' }).phone).toContain('不是11位手机号');
    expect(inviteProblems({ ...draft, phone: '+86 138-0000-0000' })).toEqual({});
    expect(inviteProblems({ ...draft, officeId: '' }).office).toBe('请选择所在大厅');
    expect(inviteProblems({ ...draft, role: 'SUPERVISOR', officeId: '', regionCode: '3612' }).region).toContain('12位数字');
    expect(inviteProblems({ ...draft, role: 'ADMIN', officeId: '' })).toEqual({});
  });

  it('sends the phone as stored and only the posting its role takes', () => {
    expect(inviteBody({ ...draft, phone: '+86 138-0000-0000', regionCode: '361221000000' })).toEqual({ phone: '13800000000', role: 'CLERK', officeId: COUNTY });
    expect(inviteBody({ ...draft, role: 'SUPERVISOR', regionCode: ' 361221000000 ' })).toEqual({ phone: '13800000000', role: 'SUPERVISOR', regionCode: '361221000000' });
    expect(inviteBody({ ...draft, role: 'ADMIN' })).toEqual({ phone: '13800000000', role: 'ADMIN' });
  });

  it('says what inviting will do', () => {
    expect(inviteConsequence(draft, HALLS)).toContain('将邀请 138****0000 为青石县政务服务中心的窗口人员');
    expect(inviteConsequence(draft, HALLS)).toContain('对方下次登录时生效');
    expect(inviteConsequence({ ...draft, role: 'SUPERVISOR', regionCode: '361221000000' }, HALLS)).toContain('为辖区 361221000000 的督办人员');
  });
});

describe('人员管理', () => {
  it('is linked from 管理后台 for hall managers and admins', async () => {
    let person = managerMe;
    answerRequests(({ url }) => (url === '/api/me' ? ok(person) : ok(hallList)));
    signIn();
    setMe(person);
    const { unmount } = render(<ConsolePage />);
    fireEvent.click(await screen.findByText('人员管理'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/staff/index' });
    unmount();
    person = adminMe;
    setMe(person);
    render(<ConsolePage />);
    fireEvent.click(await screen.findByText('操作记录'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/audit/index' });
  });

  it('a hall manager invites a clerk of their hall: checked as typed, confirmed, told an account was made', async () => {
    let members = [staff({}), staff({ id: managerMe.id, name: '马晓慧', phoneMasked: '138****0007', roles: ['CITIZEN', 'MANAGER'] })];
    const calls = answerRequests(({ url, method, data }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url.startsWith('/api/offices')) return ok(hallList);
      if (url === '/api/admin/staff' && method === 'POST') {
        const made = staff({ id: 'a0000000-0000-4000-8000-000000000009', name: null, phoneMasked: '139****1234', officeId: (data as { officeId: string }).officeId });
        members = [...members, made];
        return { status: 201, body: { staff: made, created: true } };
      }
      if (url.startsWith('/api/admin/staff')) return ok({ items: members });
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(managerMe);
    render(<StaffPage />);
    expect(await screen.findByText('赵雪梅（138****0003）')).toBeInTheDocument();
    expect(textOf('#admin-staff-0')).toContain('窗口人员 · 青石县政务服务中心');
    // Only a clerk may be revoked by a hall manager; never oneself.
    expect(document.querySelector('#admin-staff-0-revoke')).not.toBeNull();
    expect(document.querySelector('#admin-staff-1-revoke')).toBeNull();
    expect(calls.find((c) => c.url.startsWith('/api/admin/staff'))?.url).toBe('/api/admin/staff');

    type('#admin-invite-phone', '139 0000');
    expect(textOf('#admin-invite-phone-problem')).toContain('不是11位手机号');
    fireEvent.click(document.querySelector('#admin-invite-check')!);
    expect(document.querySelector('#admin-invite-confirm')).toBeNull();
    type('#admin-invite-phone', '139 0000 1234');
    expect(document.querySelector('#admin-invite-phone-problem')).toBeNull();
    fireEvent.click(document.querySelector('#admin-invite-check')!);
    expect(textOf('#admin-invite-consequence')).toContain('将邀请 139****1234 为青石县政务服务中心的窗口人员');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(document.querySelector('#admin-invite-confirm-yes')!);
    await waitFor(() => expect(textOf('#admin-invite-done')).toContain('已邀请 139****1234 为青石县政务服务中心的窗口人员'));
    expect(textOf('#admin-invite-done')).toContain('原来没有账号，已新建');
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ phone: '13900001234', role: 'CLERK', officeId: COUNTY });
    expect(await screen.findByText('未实名（139****1234）')).toBeInTheDocument();
  });

  it('revokes after saying it ends their sessions and frees their windows; a refusal in the BFF’s words', async () => {
    let refuse = true;
    const calls = answerRequests(({ url }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url.startsWith('/api/offices')) return ok(hallList);
      if (url.endsWith('/revoke') && refuse) return fail(409, 'CONFLICT', '此人没有该工作人员身份');
      if (url.endsWith('/revoke')) return ok({ staff: staff({ roles: ['CITIZEN'], officeId: null }), sessionsEnded: 2 });
      if (url.startsWith('/api/admin/staff')) return ok({ items: calls.some((c) => c.url.endsWith('/revoke') && !refuse) ? [] : [staff({})] });
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(managerMe);
    render(<StaffPage />);
    fireEvent.click(await screen.findByText('撤销'));
    const consequence = textOf('#admin-staff-0-revoke-consequence');
    expect(consequence).toContain('其所有登录立即失效');
    expect(consequence).toContain('分配给其的窗口立即空出');
    fireEvent.click(document.querySelector('#admin-staff-0-revoke-confirm-yes')!);
    expect(await screen.findByText('此人没有该工作人员身份')).toBeInTheDocument();
    refuse = false;
    fireEvent.click(document.querySelector('#admin-staff-0-revoke')!);
    fireEvent.click(document.querySelector('#admin-staff-0-revoke-confirm-yes')!);
    await waitFor(() => expect(textOf('#admin-staff-done')).toContain('已撤销 赵雪梅（138****0003） 的工作人员身份，其登录已全部结束（2处）'));
    expect(calls.filter((c) => c.url.endsWith('/revoke')).map((c) => [c.url, c.data])).toEqual([
      [`/api/admin/staff/${staff({}).id}/revoke`, {}],
      [`/api/admin/staff/${staff({}).id}/revoke`, {}],
    ]);
    expect(await screen.findByText('还没有工作人员。')).toBeInTheDocument();
  });

  it('an admin filters by hall, and invites a supervisor to a region typed as a code', async () => {
    const calls = answerRequests(({ url, method }) => {
      if (url === '/api/me') return ok(adminMe);
      if (url.startsWith('/api/offices')) return ok(hallList);
      if (url === '/api/admin/staff' && method === 'POST') return fail(400, 'VALIDATION_FAILED', '所选辖区不存在');
      if (url.includes('cursor=')) return ok({ items: [staff({ id: 'a0000000-0000-4000-8000-000000000002', name: '黄丽娟', officeId: TOWN })] });
      if (url.startsWith('/api/admin/staff')) return ok({ items: [staff({})], nextCursor: 'a0000000-0000-4000-8000-000000000001' });
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(adminMe);
    render(<StaffPage />);
    expect(await screen.findByText('正在查看：全部大厅')).toBeInTheDocument();
    fireEvent.click(screen.getByText('换一个大厅'));
    fireEvent.click(await screen.findByText('青云街道为民服务中心', { selector: '#admin-staff-filter *' }));
    expect(textOf('#admin-staff-filter-chosen')).toBe('正在查看：青云街道为民服务中心');
    await waitFor(() => expect(calls.some((c) => c.url === `/api/admin/staff?officeId=${TOWN}`)).toBe(true));
    fireEvent.click(await screen.findByText('加载更多'));
    await waitFor(() => expect(calls.some((c) => c.url.includes('cursor=a0000000'))).toBe(true));
    await waitFor(() => expect(document.querySelectorAll('[data-staff-id]')).toHaveLength(2));

    type('#admin-invite-phone', '13900005678');
    fireEvent.click(document.querySelector('#admin-invite-check')!);
    expect(textOf('#admin-invite-office-problem')).toBe('！请选择所在大厅');
    fireEvent.click(document.querySelector('#admin-invite-role-SUPERVISOR')!);
    expect(document.querySelector('#admin-invite-office-problem')).toBeNull();
    expect(textOf('#admin-invite-region-problem')).toContain('12位数字');
    type('#admin-invite-region', '361299000000');
    fireEvent.click(document.querySelector('#admin-invite-check')!);
    expect(textOf('#admin-invite-consequence')).toContain('为辖区 361299000000 的督办人员');
    fireEvent.click(document.querySelector('#admin-invite-confirm-yes')!);
    expect(await screen.findByText('所选辖区不存在')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ phone: '13900005678', role: 'SUPERVISOR', regionCode: '361299000000' });
  });
});

describe('操作记录', () => {
  const entry = (patch: Partial<AdminAuditEntry>): AdminAuditEntry => ({
    id: '10',
    at: '2026-11-23T01:40:00.000Z',
    actorId: managerMe.id,
    actor: { name: '马晓慧', phoneMasked: '138****0007' },
    subject: null,
    action: 'admin.office.hours',
    resourceType: 'office',
    resourceId: COUNTY,
    officeId: COUNTY,
    result: 'OK',
    reason: null,
    meta: null,
    ...patch,
  });
  const invite = entry({
    id: '12',
    action: 'admin.staff.invite-clerk',
    resourceType: 'staffMember',
    subject: { name: null, phoneMasked: '139****1234' },
    meta: { before: { roles: ['CITIZEN'], officeId: null, regionCode: null }, after: { roles: ['CITIZEN', 'CLERK'], officeId: COUNTY, regionCode: null }, phoneMasked: '139****1234', accountCreated: true },
  });
  const hours = entry({ id: '11', meta: { before: { weeklyHours: { '1': [['09:00', '12:00']], '6': [] } }, after: { weeklyHours: { '1': [['09:00', '17:00']], '6': [] } } } });
  const closure = entry({ id: '9', resourceType: 'officeException', meta: { before: null, after: { id: 'x', date: '2026-11-25', closed: true, hours: null, reason: '停电' } } });

  it('says each change in words, with before → after of what it touched', () => {
    expect(actionWords(invite)).toBe('邀请窗口人员');
    expect(fieldChanges(invite, HALLS).map(changeWords)).toEqual(['身份：市民 → 市民、窗口人员', '所在大厅：（无） → 青石县政务服务中心']);
    expect(entryNote(invite)).toBe('对象：未实名（139****1234）；新建了账号');
    expect(fieldChanges(hours, HALLS).map(changeWords)).toEqual(['每周办公时间：周一 09:00-12:00；周二 休息；周三 休息；周四 休息；周五 休息；周六 休息；周日 休息 → 周一 09:00-17:00；周二 休息；周三 休息；周四 休息；周五 休息；周六 休息；周日 休息']);
    expect(actionWords(closure)).toBe('新增闭厅日或特别办公时间');
    expect(fieldChanges(closure, HALLS).map(changeWords)).toEqual(['日期：2026-11-25', '全天闭厅：是', '办公时间：（无）', '原因：停电']);
    const revoke = entry({ action: 'admin.staff.revoke', resourceType: 'staffMember', meta: { before: { roles: ['CITIZEN', 'CLERK'], officeId: COUNTY }, after: { roles: ['CITIZEN'], officeId: null }, sessionsEnded: 1 } });
    expect(actionWords(revoke)).toBe('撤销工作人员身份');
    expect(fieldChanges(revoke, HALLS).map(changeWords)).toEqual(['身份：市民、窗口人员 → 市民', '所在大厅：青石县政务服务中心 → （无）']);
    expect(entryNote(revoke)).toBe('结束登录1处');
    const adjusted = entry({ action: 'admin.slot-rule.manage', resourceType: 'slotRule', meta: { before: { adjustedWorkdayWeekday: null }, after: { adjustedWorkdayWeekday: 3 } } });
    expect(fieldChanges(adjusted, HALLS).map(changeWords)).toEqual(['调休上班日按周几：自动 → 周三']);
    const calendar = entry({ action: 'admin.calendar.import', resourceType: 'calendar', officeId: null, meta: { before: { days: 0 }, after: { days: 4, created: 4, updated: 0, deleted: 0 } } });
    expect(actionWords(calendar)).toBe('导入节假日安排');
    expect(fieldChanges(calendar, HALLS).map(changeWords)).toEqual(['天数：0 → 4', '新增：4', '更新：0', '删除：0']);
    const guide = entry({ action: 'admin.service.edit', resourceType: 'service', officeId: null, meta: { before: { aliases: ['身份证'], licencePurposeTypes: ['RESIDENT_ID'] }, after: { aliases: ['身份证', '身份证坏了'], licencePurposeTypes: ['RESIDENT_ID', 'DRIVING_LICENCE'] }, version: 2 } });
    expect(actionWords(guide)).toBe('修改办事指南');
    const words = fieldChanges(guide, HALLS).map(changeWords);
    expect(words[0]).toBe('搜索同义词：身份证 → 身份证、身份证坏了');
    expect(words[1]).toMatch(/^可出示的电子证照：\S+ → \S+、\S+$/);
    expect(words.join()).not.toMatch(/[A-Z_]{4,}/);
  });

  it('lists a hall manager’s changes newest first, with when, who and which hall, and loads more', async () => {
    const calls = answerRequests(({ url }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url.startsWith('/api/offices')) return ok(hallList);
      if (url.startsWith('/api/admin/audit?cursor=11')) return ok({ items: [closure] });
      if (url.startsWith('/api/admin/audit')) return ok({ items: [invite, hours], nextCursor: '11' });
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(managerMe);
    render(<AuditPage />);
    expect(await screen.findByText('邀请窗口人员')).toBeInTheDocument();
    const first = textOf('#admin-audit-0');
    expect(first).toContain('11月23日 周一 09:40 · 马晓慧（138****0007）');
    expect(first).toContain('大厅：青石县政务服务中心');
    expect(first).toContain('身份：市民 → 市民、窗口人员');
    expect(calls.find((c) => c.url.startsWith('/api/admin/audit'))?.url).toBe('/api/admin/audit?limit=20');
    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('新增闭厅日或特别办公时间')).toBeInTheDocument();
    expect(document.querySelectorAll('[data-audit-action]')).toHaveLength(3);
    expect(screen.queryByText('加载更多')).toBeNull();
    expect(document.querySelector('#admin-audit-filter')).toBeNull();
  });
});

describe('the calendar from a file', () => {
  const CSV = '\uFEFFdate,kind,name\r\n2027-01-01,HOLIDAY,元旦\r\n"2027-02-06","HOLIDAY","春节"\r\n2027-02-14,WORKDAY,春节\r\n';

  it('reads CSV lines, with a header, quotes and a byte-order mark', () => {
    expect(parseCalendarText(CSV)).toEqual({
      year: 2027,
      days: [
        { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2027-02-06', kind: 'HOLIDAY', name: '春节' },
        { date: '2027-02-14', kind: 'WORKDAY', name: '春节' },
      ],
      problems: [],
    });
    expect(parseCalendarText('日期,类别,名称\n2027-01-01,休,元旦').days).toEqual([{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }]);
    // A bad first line is a problem, not a header.
    expect(parseCalendarText('元旦,HOLIDAY,2027-01-01').problems[0]?.message).toBe('第1行：“元旦”不是日期，应写成 2027-01-01');
    expect(parseCalendarText('date,kind,name\n2027-02-10,WORKDAY,春节\n2027-01-01,HOLIDAY,元旦').problems.map((p) => p.message)).toEqual(['第2行：2027-02-10 本来就是工作日，不能作为调休上班日']);
  });

  it('puts a chosen file into the paste box and checks it the same way', async () => {
    answerRequests(({ url }) => {
      if (url === '/api/me') return ok(adminMe);
      if (url.startsWith('/api/admin/calendar')) return ok({ year: 2027, covered: false, days: [], coverage: { coveredYears: [2026], horizon: { from: '2026-12-07', to: '2027-02-05' }, uncoveredFrom: null, warning: null } });
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(adminMe);
    render(<CalendarPage />);
    const input = (await screen.findByLabelText('从文件读入放假安排（JSON、CSV 或 TXT）')) as HTMLInputElement;
    expect(input.getAttribute('accept')).toBe('.json,.csv,.txt');
    fireEvent.change(input, { target: { files: [new File([CSV], '2027.csv', { type: 'text/csv' })] } });
    await waitFor(() => expect(textOf('#admin-calendar-counts')).toBe('2027年：放假2天，调休上班1天，没有发现问题'));
    expect(textOf('#admin-calendar-file-read')).toContain('已读入“2027.csv”');
    expect((document.querySelector('#admin-calendar-text') as HTMLTextAreaElement).value).toContain('2027-02-14,WORKDAY,春节');
    fireEvent.change(input, { target: { files: [new File(['2027-01-01,HOLIDAY,元旦\n2027-02-10,WORKDAY,春节'], 'bad.csv')] } });
    await waitFor(() => expect(textOf('#admin-calendar-problem-0')).toContain('第2行：2027-02-10 本来就是工作日'));
    expect(document.querySelector('#admin-calendar-import-check')?.getAttribute('aria-disabled')).toBe('true');
  });
});
