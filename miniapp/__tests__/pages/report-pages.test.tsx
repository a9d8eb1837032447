// 办不成事 and 好差评 in both modes: the form pre-filled from the page that opened it (no retyping),
// its counter and inline errors; 我的反映 with state and deadline in words; a report's timeline
// (who, when, note), its deadline and overdue in words, 重新打开 only when allowed and confirmed in
// the page, 结案; the rating sheet's five worded levels, reasons required for 1–2, 409 in words,
// and 转为办不成事 with the rating as context; the entries on the ticket page.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { resetActingStore, startActing } from '../../src/api/acting-store';
import { useRouter } from '@tarojs/taro';
import type { Report } from '../../src/api/reports';
import ReportDetailPage from '../../src/pages/reports/detail/index';
import ReportListPage from '../../src/pages/reports/list/index';
import ReportNewPage from '../../src/pages/reports/new/index';
import RatePage from '../../src/pages/reports/rate/index';
import MePage from '../../src/pages/me/index';
import TicketPage from '../../src/pages/ticket/index';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, me, MODES, ok, resetAll, signIn, taro } from '../helpers';
import { office } from './fixtures';

const REPORT_ID = 'ae000000-0000-4000-8000-000000000001';
const TICKET_ID = '7ac0a001-0000-4000-8000-000000000009';
const RATING_ID = 'aa000000-0000-4000-8000-000000000001';
const SERVICE_ID = '5e000000-0000-4000-8000-000000000001';

/** The URL of the last navigateTo. */
const lastUrl = (): string => (taro.navigateTo.mock.calls.at(-1) as unknown as [{ url: string }])[0].url;
const routeTo = (params: Record<string, string>) => (useRouter as jest.Mock).mockReturnValue({ params });

const report = (patch: Partial<Report> = {}): Report => ({
  id: REPORT_ID,
  status: 'ASSIGNED',
  statusWords: '已转办',
  class: 'GENERAL',
  classWords: '一般问题',
  text: '材料齐全但窗口说系统办不了',
  contactPreference: 'IN_APP',
  about: { service: { id: SERVICE_ID, name: '社会保障卡申领' }, office: { id: office.id, name: '青石县政务服务中心' }, ticketId: TICKET_ID, appointmentId: null, ratingId: RATING_ID },
  assignedOffice: { id: office.id, name: '青石县政务服务中心' },
  walkIn: false,
  deadline: { kind: 'RESOLVE', at: '2026-12-08T16:00:00.000Z', day: '2026-12-08', overdue: false, near: false, words: '剩余3个工作日' },
  resolution: null,
  escalationLevel: 0,
  reopened: false,
  canReopen: false,
  createdAt: '2026-12-01T02:00:00.000Z',
  steps: [
    { at: '2026-12-01T02:00:00.000Z', action: 'create', words: '提交反映', from: null, to: 'RECEIVED', note: null, by: '本人' },
    { at: '2026-12-01T03:00:00.000Z', action: 'triage', words: '已分类：一般问题', from: 'RECEIVED', to: 'TRIAGED', note: '属实', by: '工作人员' },
    { at: '2026-12-01T04:00:00.000Z', action: 'assign', words: '已转办', from: 'TRIAGED', to: 'ASSIGNED', note: null, by: '工作人员' },
  ],
  photos: [],
  ...patch,
});

const reasons = { items: [{ code: 'WAIT_LONG', label: '等候时间太长' }, { code: 'ATTITUDE', label: '服务态度不好' }] };

beforeEach(resetAll);

describe.each(MODES)('办不成事 and 好差评 ($name)', ({ isElder }) => {
  beforeEach(() => {
    updateElderState({ elderMode: isElder });
    signIn();
  });

  it('the form shows the ticket it came from in words and sends only its id, with a counter and no photos unless chosen', async () => {
    routeTo({ ticketId: TICKET_ID, what: encodeURIComponent('排队号 A023'), officeName: encodeURIComponent('青石县政务服务中心'), serviceName: '社会保障卡申领' });
    const calls = answerRequests((call) => (call.url === '/api/reports' && call.method === 'POST' ? { status: 201, body: report({ status: 'RECEIVED' }) } : ok({})));
    render(<ReportNewPage />);
    expect(document.getElementById('report-new-about')).toHaveTextContent('关于：排队号 A023');
    expect(document.getElementById('report-new-about')).toHaveTextContent('事项：社会保障卡申领');
    expect(document.getElementById('report-new-about')).toHaveTextContent('大厅：青石县政务服务中心');
    expect(document.getElementById('report-new-photo-0')).toBeNull();
    // Too short: said in the page, nothing sent.
    fireEvent.click(document.getElementById('report-new-submit')!);
    expect(document.getElementById('report-new-error')).toHaveTextContent('至少2个字');
    expect(calls).toHaveLength(0);
    fireEvent.change(document.getElementById('report-new-text')!, { target: { value: '窗口说系统办不了' } });
    expect(document.getElementById('report-new-counter')).toHaveTextContent('已写8字，最多1000字');
    fireEvent.click(document.getElementById('report-new-contact-1')!);
    fireEvent.click(document.getElementById('report-new-submit')!);
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: `/pages/reports/detail/index?id=${REPORT_ID}&created=1` }));
    expect(calls[0]!.data).toEqual({ about: { ticketId: TICKET_ID }, text: '窗口说系统办不了', contactPreference: 'PHONE' });
    expect(calls[0]!.header['Idempotency-Key']).toMatch(/^take-/);
  });

  it('from a service guide the hall is chosen among those offering it; a refusal is said in the page', async () => {
    routeTo({ serviceId: SERVICE_ID, serviceName: '社会保障卡申领' });
    const calls = answerRequests((call) => {
      if (call.url.startsWith('/api/offices')) return ok({ items: [office] });
      if (call.url === '/api/reports') return fail(429, 'RATE_LIMITED', '操作太频繁');
      return ok({});
    });
    render(<ReportNewPage />);
    await waitFor(() => expect(document.getElementById('report-new-office-0')).toBeInTheDocument());
    fireEvent.change(document.getElementById('report-new-text')!, { target: { value: '说要的材料指南里没写' } });
    fireEvent.click(document.getElementById('report-new-submit')!);
    expect(document.getElementById('report-new-error')).toHaveTextContent('请选择是在哪个大厅遇到的问题');
    fireEvent.click(document.getElementById('report-new-office-0')!);
    fireEvent.click(document.getElementById('report-new-class-1')!);
    fireEvent.click(document.getElementById('report-new-submit')!);
    await waitFor(() => expect(document.getElementById('report-new-error')).toBeInTheDocument());
    const sent = calls.find((c) => c.url === '/api/reports')!;
    expect(sent.data).toEqual({ about: { officeId: office.id, serviceId: SERVICE_ID }, text: '说要的材料指南里没写', contactPreference: 'IN_APP', class: 'GENERAL' });
    expect(taro.redirectTo).not.toHaveBeenCalled();
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('the photo choice: up to three, each uploaded as chosen (multipart, signed in), 删除 removes it there too, the ids go with the report', async () => {
    routeTo({ ticketId: TICKET_ID, what: encodeURIComponent('排队号 A023') });
    const calls = answerRequests((call) => (call.url === '/api/reports' && call.method === 'POST' ? { status: 201, body: report({ status: 'RECEIVED' }) } : ok({ id: 'x' })));
    taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:a', 'blob:b'] }).mockResolvedValueOnce({ tempFilePaths: ['blob:c', 'blob:d'] });
    let n = 0;
    taro.uploadFile.mockImplementation(async () => ({ statusCode: 201, data: JSON.stringify({ id: `f0000000-0000-4000-8000-00000000000${(n += 1)}`, mime: 'image/jpeg', size: 10, createdAt: '2026-12-01T02:00:00.000Z' }) }));
    render(<ReportNewPage />);
    expect(document.getElementById('report-new-photos')).toHaveTextContent('照片（可不传，最多3张）');
    fireEvent.click(document.getElementById('report-new-photos-add')!);
    await waitFor(() => expect(document.getElementById('report-new-photo-1')).toHaveTextContent('已上传'));
    expect(taro.chooseImage).toHaveBeenLastCalledWith(expect.objectContaining({ count: 3 }));
    const upload = (taro.uploadFile.mock.calls[0] as unknown as [{ url: string; filePath: string; name: string; header: Record<string, string> }])[0];
    expect(upload).toMatchObject({ url: '/api/reports/photos', filePath: 'blob:a', name: 'file', header: { Authorization: 'Bearer access-1' } });
    expect(upload.header).not.toHaveProperty('Content-Type');
    expect(document.getElementById('report-new-photo-0-image')).toHaveAttribute('src', 'blob:a');
    expect(document.getElementById('report-new-photos-add')).toHaveTextContent('再添加照片（还能加1张）');
    // Two more chosen, room for one: only the first is taken.
    fireEvent.click(document.getElementById('report-new-photos-add')!);
    await waitFor(() => expect(document.getElementById('report-new-photo-2')).toHaveTextContent('已上传'));
    expect(taro.chooseImage).toHaveBeenLastCalledWith(expect.objectContaining({ count: 1 }));
    expect(taro.uploadFile).toHaveBeenCalledTimes(3);
    expect(document.getElementById('report-new-photos-add')).toBeNull();
    expect(document.getElementById('report-new-photos-full')).toHaveTextContent('已选3张，最多3张；要换一张请先删除。');
    fireEvent.click(document.getElementById('report-new-photo-0-remove')!);
    expect(document.getElementById('report-new-photo-2')).toBeNull();
    await waitFor(() => expect(calls.find((c) => c.method === 'DELETE')?.url).toBe('/api/reports/photos/f0000000-0000-4000-8000-000000000001'));
    fireEvent.change(document.getElementById('report-new-text')!, { target: { value: '窗口说系统办不了' } });
    fireEvent.click(document.getElementById('report-new-submit')!);
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalled());
    expect(calls.find((c) => c.url === '/api/reports')!.data).toMatchObject({ photoIds: ['f0000000-0000-4000-8000-000000000002', 'f0000000-0000-4000-8000-000000000003'] });
  });

  it('a refused photo is said in words in the page and not kept; nothing chosen says nothing', async () => {
    routeTo({ ticketId: TICKET_ID });
    answerRequests(() => ok({}));
    render(<ReportNewPage />);
    fireEvent.click(document.getElementById('report-new-photos-add')!);
    await waitFor(() => expect(taro.chooseImage).toHaveBeenCalledTimes(1));
    expect(document.getElementById('report-new-photos-error')).toBeNull();
    taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:text'] });
    taro.uploadFile.mockResolvedValueOnce({ statusCode: 415, data: JSON.stringify({ error: { code: 'PHOTO_TYPE_UNSUPPORTED', message: '这个文件不是照片，只能上传jpg、png或webp格式的照片' } }) });
    fireEvent.click(document.getElementById('report-new-photos-add')!);
    await waitFor(() => expect(document.getElementById('report-new-photos-error')).toHaveTextContent('这个文件不是照片，只能上传jpg、png或webp格式的照片'));
    expect(document.getElementById('report-new-photo-0')).toBeNull();
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('a report’s photos are fetched with the credentials and shown; one that fails is said in words', async () => {
    routeTo({ id: REPORT_ID });
    const photos = ['p1', 'p2'].map((p, i) => ({ id: `f1000000-0000-4000-8000-00000000000${i}`, url: `/api/reports/${REPORT_ID}/photos/${p}` }));
    answerRequests((call) => (call.url === `/api/reports/${REPORT_ID}` ? ok(report({ photos })) : ok({ items: [] })));
    taro.downloadFile.mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'blob:one' }).mockResolvedValueOnce({ statusCode: 404, tempFilePath: 'blob:error' });
    const revoke = jest.fn();
    Object.assign(URL, { revokeObjectURL: revoke });
    const { unmount } = render(<ReportDetailPage />);
    await waitFor(() => expect(document.getElementById('report-photo-0-image')).toHaveAttribute('src', 'blob:one'));
    expect(document.getElementById('report-photos')).toHaveTextContent('照片（2张）');
    expect(document.getElementById('report-photo-1')).toHaveTextContent('第2张照片打不开');
    expect(document.getElementById('report-photos-error')).toHaveTextContent('有照片暂时打不开');
    const fetched = (taro.downloadFile.mock.calls[0] as unknown as [{ url: string; header: Record<string, string> }])[0];
    expect(fetched).toMatchObject({ url: photos[0]!.url, header: { Authorization: 'Bearer access-1' } });
    // The bytes held by the blob: URL are let go with the page.
    unmount();
    expect(revoke).toHaveBeenCalledWith('blob:one');
  });

  it('我的反映 lists each report with its state and deadline in words, overdue said too', async () => {
    answerRequests(() => ok({ items: [report(), report({ id: 'ae000000-0000-4000-8000-000000000002', status: 'TRIAGED', statusWords: '已分类', deadline: { kind: 'RESOLVE', at: '2026-11-20T16:00:00.000Z', day: '2026-11-20', overdue: true, near: false, words: '已超期' } })] }));
    render(<ReportListPage />);
    await waitFor(() => expect(document.getElementById('reports-0')).toHaveTextContent('已转办'));
    expect(document.getElementById('reports-0-deadline')).toHaveTextContent('12月8日 周二前办结（剩余3个工作日）');
    expect(document.getElementById('reports-1')).toHaveTextContent('已超期');
    expect(document.getElementById('reports-1-deadline')).toHaveTextContent('已超期：应在11月20日 周五前办结');
    fireEvent.click(document.getElementById('reports-0')!);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/reports/detail/index?id=${REPORT_ID}` });
  });

  it('a report shows every step with who, when and the note, the deadline from the server, and no reopen while not allowed', async () => {
    routeTo({ id: REPORT_ID });
    answerRequests((call) => (call.url === `/api/reports/${REPORT_ID}` ? ok(report()) : ok({ items: [] })));
    render(<ReportDetailPage />);
    await waitFor(() => expect(document.getElementById('report-step-2')).toBeInTheDocument());
    expect(document.getElementById('report-step-0')).toHaveTextContent('提交反映');
    expect(document.getElementById('report-step-0')).toHaveTextContent('12月1日 周二 10:00，本人');
    expect(document.getElementById('report-step-1')).toHaveTextContent('已分类：一般问题');
    expect(document.getElementById('report-step-1')).toHaveTextContent('工作人员');
    expect(document.getElementById('report-step-1')).toHaveTextContent('说明：属实');
    expect(document.getElementById('report-step-2')).toHaveTextContent('最新：已转办');
    expect(document.getElementById('report-deadline')).toHaveTextContent('12月8日 周二前办结（剩余3个工作日）');
    expect(document.getElementById('report-reopen')).toBeNull();
    expect(document.getElementById('report-close')).toBeNull();
  });

  it('a resolved report offers 结案, 重新打开 confirmed in the page (only when allowed), and its rating', async () => {
    routeTo({ id: REPORT_ID });
    const resolved = report({ status: 'RESOLVED', statusWords: '已办结', resolution: '已补办', canReopen: true, deadline: { kind: null, at: null, day: null, overdue: false, near: false, words: '' } });
    const calls = answerRequests((call) => {
      if (call.url === `/api/reports/${REPORT_ID}/reopen`) return ok(report({ reopened: true }));
      if (call.url === `/api/reports/${REPORT_ID}`) return ok(resolved);
      if (call.url === '/api/ratings/pending') return ok({ items: [{ targetType: 'REPORT', targetId: REPORT_ID, round: 1, serviceName: '社会保障卡申领', officeName: '青石县政务服务中心', finishedAt: '2026-12-02T02:00:00.000Z', rateBy: '2026-12-09T02:00:00.000Z' }] });
      return ok({});
    });
    render(<ReportDetailPage />);
    await waitFor(() => expect(document.getElementById('report-rate-0')).toHaveTextContent('评价处理结果'));
    expect(document.getElementById('report-deadline')).toBeNull();
    expect(document.getElementById('report-resolution')).toHaveTextContent('处理结果：已补办');
    expect(document.getElementById('report-close')).toHaveTextContent('问题已解决，结案');
    fireEvent.click(document.getElementById('report-reopen')!);
    expect(document.getElementById('report-reopen-confirm')).toHaveTextContent('只能重新打开一次');
    fireEvent.click(document.getElementById('report-reopen-yes')!);
    await waitFor(() => expect(document.getElementById('report-done')).toHaveTextContent('已重新打开'));
    expect(calls.some((c) => c.url === `/api/reports/${REPORT_ID}/reopen` && c.method === 'POST')).toBe(true);
    fireEvent.click(document.getElementById('report-rate-0')!);
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: expect.stringMatching(/^\/pages\/reports\/rate\/index\?targetType=REPORT&targetId=ae000000/) });
  });

  it('a report made from a rating offers the rated handling again once it is resolved (matched by the resolution)', async () => {
    routeTo({ id: REPORT_ID });
    const resolvedAt = '2026-12-02T02:00:00.000Z';
    const fromRating = report({
      status: 'RESOLVED',
      statusWords: '已办结',
      about: { ...report().about, ticketId: null },
      steps: [...report().steps, { at: resolvedAt, action: 'resolve', words: '已办结', from: 'ASSIGNED', to: 'RESOLVED', note: null, by: '工作人员' }],
    });
    const item = (targetType: string, targetId: string, round: number, finishedAt = resolvedAt) => ({ targetType, targetId, round, serviceName: null, officeName: '青石县政务服务中心', finishedAt, rateBy: '2026-12-09T02:00:00.000Z' });
    answerRequests((call) =>
      call.url === '/api/ratings/pending'
        ? ok({ items: [item('REPORT', REPORT_ID, 1), item('TICKET', TICKET_ID, 2), item('TICKET', 'other', 1), item('TICKET', 'other-2', 2, '2026-12-03T02:00:00.000Z')] })
        : ok(fromRating),
    );
    render(<ReportDetailPage />);
    await waitFor(() => expect(document.getElementById('report-rate-1')).toHaveTextContent('整改后再评价一次'));
    expect(document.getElementById('report-rate-0')).toHaveTextContent('评价处理结果');
    expect(document.getElementById('report-rate-2')).toBeNull();
  });

  it('the rating sheet: five worded choices; 不满意 needs a reason before sending; then 转为办不成事 carries the rating', async () => {
    routeTo({ targetType: 'TICKET', targetId: TICKET_ID, what: encodeURIComponent('排队号 A023'), officeName: encodeURIComponent('青石县政务服务中心') });
    const calls = answerRequests((call) => {
      if (call.url === '/api/ratings/reasons') return ok(reasons);
      if (call.url === '/api/ratings') return { status: 201, body: { id: RATING_ID, targetType: 'TICKET', targetId: TICKET_ID, round: 1, level: 2, levelWords: '不满意', reasons: [reasons.items[0]], comment: null, defaulted: false, rectificationId: 'r-1', createdAt: '2026-12-01T02:00:00.000Z' } };
      return ok({});
    });
    render(<RatePage />);
    for (const words of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) expect(screen.getByRole('radio', { name: words })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: '不满意' }));
    await waitFor(() => expect(document.getElementById('rate-reason-0')).toHaveTextContent('等候时间太长'));
    fireEvent.click(document.getElementById('rate-submit')!);
    expect(document.getElementById('rate-error')).toHaveTextContent('请至少选择一个原因');
    expect(calls.filter((c) => c.url === '/api/ratings')).toHaveLength(0);
    fireEvent.click(document.getElementById('rate-reason-0')!);
    expect(document.getElementById('rate-error')).toBeNull();
    fireEvent.change(document.getElementById('rate-comment')!, { target: { value: '等了一个小时' } });
    fireEvent.click(document.getElementById('rate-submit')!);
    await waitFor(() => expect(document.getElementById('rate-sent-level')).toHaveTextContent('您的评价：不满意'));
    expect(calls.find((c) => c.url === '/api/ratings')!.data).toEqual({ targetType: 'TICKET', targetId: TICKET_ID, level: 2, reasons: ['WAIT_LONG'], comment: '等了一个小时' });
    fireEvent.click(document.getElementById('rate-to-report')!);
    const url = lastUrl();
    expect(url).toMatch(new RegExp(`^/pages/reports/new/index\\?ratingId=${RATING_ID}&`));
    expect(decodeURIComponent(url)).toContain('what=您对排队号 A023的评价“不满意”');
  });

  it('a good rating needs no reason; a second try is said in words (409)', async () => {
    routeTo({ targetType: 'APPOINTMENT', targetId: TICKET_ID });
    const calls = answerRequests((call) => (call.url === '/api/ratings' ? fail(409, 'RATING_ALREADY', '这次办理已经评价过了') : ok(reasons)));
    render(<RatePage />);
    fireEvent.click(screen.getByRole('radio', { name: '满意' }));
    expect(document.getElementById('rate-reasons')).toBeNull();
    fireEvent.click(document.getElementById('rate-submit')!);
    await waitFor(() => expect(document.getElementById('rate-error')).toHaveTextContent('这次办理已经评价过了'));
    expect(calls.find((c) => c.url === '/api/ratings')!.data).toEqual({ targetType: 'APPOINTMENT', targetId: TICKET_ID, level: 4 });
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('我的 lists the handlings waiting for a rating (请评价) with the default day, and 我的反映', async () => {
    answerRequests((call) => {
      if (call.url === '/api/me') return ok(me);
      if (call.url === '/api/ratings/pending') return ok({ items: [{ targetType: 'TICKET', targetId: TICKET_ID, round: 1, serviceName: '社会保障卡申领', officeName: '青石县政务服务中心', finishedAt: '2026-12-01T02:00:00.000Z', rateBy: '2026-12-08T02:00:00.000Z' }] });
      return ok({ items: [] });
    });
    render(<MePage />);
    await waitFor(() => expect(document.getElementById('me-rate')).toHaveTextContent('请评价（1）'));
    expect(document.getElementById('me-rate-0')).toHaveTextContent('排队办理：社会保障卡申领');
    expect(document.getElementById('me-rate-0')).toHaveTextContent('12月8日 周二 10:00前未评价视为基本满意');
    fireEvent.click(document.getElementById('me-rate-0')!);
    expect(decodeURIComponent(lastUrl())).toContain(`/pages/reports/rate/index?targetType=TICKET&targetId=${TICKET_ID}`);
    fireEvent.click(document.getElementById('me-reports')!);
    expect(lastUrl()).toBe('/pages/reports/list/index');
  });

  it('我的, acting for someone without a REPORT grant, asks for no ratings (the BFF would refuse, in their log)', async () => {
    startActing({ userId: '5eed0004-0000-4000-8000-000000000002', grantId: 'dddddddd-0000-4000-8000-000000000001', name: '张**', relation: '父母', scopes: ['QUEUE', 'APPOINTMENT'], services: [], validUntil: '2027-11-23T16:00:00.000Z', ownerId: null });
    try {
      const calls = answerRequests((call) => (call.url === '/api/me' ? ok(me) : ok({ items: [] })));
      render(<MePage />);
      await waitFor(() => expect(calls.some((c) => c.url === '/api/me')).toBe(true));
      await act(async () => undefined);
      expect(calls.filter((c) => c.url === '/api/ratings/pending')).toEqual([]);
      expect(document.getElementById('me-rate')).toBeNull();
    } finally {
      resetActingStore();
    }
  });

  it('a finished ticket offers 评价 and 办不成事？ with the number as context', async () => {
    routeTo({ id: TICKET_ID });
    answerRequests((call) =>
      call.url === `/api/tickets/${TICKET_ID}`
        ? ok({ id: TICKET_ID, displayNumber: 'A023', status: 'DONE', priority: 'NORMAL', channel: 'ONLINE', businessDate: '2026-12-01', office: { id: office.id, name: '青石县政务服务中心' }, service: { id: SERVICE_ID, name: '社会保障卡申领' }, onBehalfOf: null, peopleAhead: null, estimate: null, isTurnNear: false, counter: null, canRejoin: false, issuedAt: '2026-12-01T01:00:00.000Z', calledAt: null, finishedAt: '2026-12-01T02:00:00.000Z' })
        : ok({ items: [] }),
    );
    render(<TicketPage />);
    await waitFor(() => expect(document.getElementById('ticket-rate')).toBeInTheDocument());
    fireEvent.click(document.getElementById('ticket-report')!);
    const url = decodeURIComponent(lastUrl());
    expect(url).toBe(`/pages/reports/new/index?ticketId=${TICKET_ID}&what=排队号 A023&officeName=青石县政务服务中心&serviceName=社会保障卡申领`);
    fireEvent.click(document.getElementById('ticket-rate')!);
    expect(decodeURIComponent(lastUrl())).toBe(`/pages/reports/rate/index?targetType=TICKET&targetId=${TICKET_ID}&what=排队号 A023&officeName=青石县政务服务中心&serviceName=社会保障卡申领`);
  });
});
