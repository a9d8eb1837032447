// 亲友代办 and 授权记录 in both modes: the two sides of my grants with what each lets me do, 代TA办理
// switching the app, 接受, 撤销 confirmed in the page (never a pop-up), the invite form's body and
// its errors in words; the log with 这不是我授权的 → confirmation → dispute → revoked and reported,
// 加载更多 and the switch to what I did for others. Nothing here goes on anyone's behalf.
import { act as inAct, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getActingFor } from '../../src/api/acting-store';
import { errorCopy } from '../../src/api/errors';
import type { Activity } from '../../src/api/grants';
import { updateElderState } from '../../src/theme/elder-store';
import ActivityPage from '../../src/pages/activity/index';
import GrantsPage from '../../src/pages/grants/index';
import { answerRequests, fail, MODES, ok, resetAll, signIn, taro } from '../helpers';
import { grant, MOTHER_ID } from './grant-fixtures';

beforeEach(resetAll);

const pending = grant({ id: 'a0000000-0000-4000-8000-000000000002', other: { name: '宋**', phoneMasked: '138****0108', isGridWorker: false }, actFor: null, status: 'PENDING', awaiting: 'ME', actions: ['accept', 'reject'], relation: '其他亲属', scopes: ['QUEUE'] });
const given = grant({ id: 'a0000000-0000-4000-8000-000000000003', as: 'GRANTOR', other: { name: '陈**', phoneMasked: '138****0001', isGridWorker: false }, actFor: null });
const ended = grant({ id: 'a0000000-0000-4000-8000-000000000004', status: 'EXPIRED', actFor: null, actions: [], endedAt: '2026-11-01T00:00:00.000Z' });

function answerGrants(extra: (call: { url: string; method: string }) => ReturnType<typeof ok> | undefined = () => undefined) {
  return answerRequests((call) => {
    const special = extra(call);
    if (special) return special;
    if (call.url === '/api/grants?as=grantee&state=live') return ok({ items: [grant(), pending] });
    if (call.url === '/api/grants?as=grantor&state=live') return ok({ items: [given] });
    if (call.url === '/api/grants?as=grantee&state=ended') return ok({ items: [ended] });
    if (call.url === '/api/grants?as=grantor&state=ended') return ok({ items: [] });
    return ok({});
  });
}

describe.each(MODES)('亲友代办 ($name)', ({ isElder }) => {
  beforeEach(() => updateElderState({ elderMode: isElder }));

  it('lists whom I may act for and who may act for me; 代 张** 办理 switches the app', async () => {
    signIn();
    const calls = answerGrants();
    render(<GrantsPage />);
    await waitFor(() => expect(document.getElementById('grantee-0')).toHaveTextContent('张**'));
    expect(document.getElementById('grantee-0')).toHaveTextContent('有效，至');
    expect(document.getElementById('grantee-0')).toHaveTextContent('可办：预约、排队取号');
    expect(document.getElementById('grantee-1')).toHaveTextContent('等您答复');
    expect(document.getElementById('grantor-0')).toHaveTextContent('陈**');
    expect(document.getElementById('grantor-0')).toHaveTextContent('您的子女');
    // History folded away.
    expect(document.getElementById('ended-0')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '展开已结束的授权（1）' }));
    expect(document.getElementById('ended-0')).toHaveTextContent('已到期');

    fireEvent.click(screen.getByRole('button', { name: '代 张** 办理' }));
    expect(getActingFor()?.userId).toBe(MOTHER_ID);
    expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
    await waitFor(() => expect(document.getElementById('acting-banner')).toHaveTextContent('代 张** 办理'));
    for (const call of calls) expect(call.header['X-On-Behalf-Of']).toBeUndefined();
  });

  it('pages a long list with 加载更多 (a grid worker may act for hundreds)', async () => {
    signIn();
    const second = { ...grant(), id: 'a0000000-0000-4000-8000-000000000099', other: { ...grant().other, name: '李**' } };
    const calls = answerGrants((call) =>
      call.url === '/api/grants?as=grantee&state=live' ? ok({ items: [grant()], nextCursor: 'next' }) : call.url === '/api/grants?as=grantee&state=live&cursor=next' ? ok({ items: [second] }) : undefined,
    );
    render(<GrantsPage />);
    await waitFor(() => expect(document.getElementById('grantee-0')).toHaveTextContent('张**'));
    expect(document.getElementById('grants-grantor-more')).toBeNull();
    fireEvent.click(document.getElementById('grants-grantee-more')!);
    await waitFor(() => expect(document.getElementById('grantee-1')).toHaveTextContent('李**'));
    expect(document.getElementById('grants-grantee-more')).toBeNull();
    expect(calls.map((c) => c.url)).toContain('/api/grants?as=grantee&state=live&cursor=next');
  });

  it('pages the ended grants with 加载更多, both sides by their own cursors, the latest ended first', async () => {
    signIn();
    const endedAs = (n: number, endedAt: string, as: 'GRANTEE' | 'GRANTOR' = 'GRANTEE') => ({ ...ended, id: `a0000000-0000-4000-8000-0000000001${n}`, as, endedAt, other: { ...ended.other, name: `王${n}**` } });
    const calls = answerGrants((call) => {
      if (call.url === '/api/grants?as=grantee&state=ended') return ok({ items: [endedAs(10, '2026-11-10T00:00:00.000Z')], nextCursor: 'g2' });
      if (call.url === '/api/grants?as=grantor&state=ended') return ok({ items: [endedAs(11, '2026-11-05T00:00:00.000Z', 'GRANTOR')], nextCursor: 'r2' });
      if (call.url === '/api/grants?as=grantee&state=ended&cursor=g2') return ok({ items: [endedAs(12, '2026-10-01T00:00:00.000Z')] });
      if (call.url === '/api/grants?as=grantor&state=ended&cursor=r2') return ok({ items: [endedAs(13, '2026-11-01T00:00:00.000Z', 'GRANTOR')], nextCursor: 'r3' });
      if (call.url === '/api/grants?as=grantor&state=ended&cursor=r3') return ok({ items: [endedAs(14, '2026-09-01T00:00:00.000Z', 'GRANTOR')] });
      return undefined;
    });
    render(<GrantsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '展开已结束的授权（已显示2条，还有更多）' }));
    expect(document.getElementById('ended-1')).toHaveTextContent('王11**');
    fireEvent.click(document.getElementById('grants-ended-more')!);
    await waitFor(() => expect(document.getElementById('ended-3')).toHaveTextContent('王12**'));
    expect(['ended-0', 'ended-1', 'ended-2', 'ended-3'].map((id) => document.getElementById(id)!.textContent!.match(/王\d+/)![0])).toEqual(['王10', '王11', '王13', '王12']);
    // Only the grantor side has more now.
    fireEvent.click(document.getElementById('grants-ended-more')!);
    await waitFor(() => expect(document.getElementById('ended-4')).toHaveTextContent('王14**'));
    expect(document.getElementById('grants-ended-more')).toBeNull();
    expect(screen.getByRole('button', { name: '收起已结束的授权（5）' })).toBeInTheDocument();
    expect(calls.filter((c) => c.url.includes('state=ended')).map((c) => c.url)).toEqual([
      '/api/grants?as=grantee&state=ended',
      '/api/grants?as=grantor&state=ended',
      '/api/grants?as=grantee&state=ended&cursor=g2',
      '/api/grants?as=grantor&state=ended&cursor=r2',
      '/api/grants?as=grantor&state=ended&cursor=r3',
    ]);
  });

  it('once sent, says how long the other side has to answer and the last day the BFF gave', async () => {
    signIn();
    // Asked for a year; the grantee is a grid worker: the BFF gives 90 days.
    const given90 = { ...given, status: 'PENDING' as const, validUntil: '2027-02-21T16:00:00.000Z' };
    answerGrants((call) => (call.method === 'POST' && call.url === '/api/grants' ? ok(given90) : undefined));
    render(<GrantsPage />);
    await waitFor(() => expect(document.getElementById('grant-form')).not.toBeNull());
    fireEvent.change(screen.getByLabelText('亲友的手机号'), { target: { value: '13800000009' } });
    fireEvent.click(screen.getByRole('radio', { name: /子女/ }));
    fireEvent.click(document.getElementById('grant-send')!);
    await waitFor(() => expect(document.getElementById('grant-form-sent')).toHaveTextContent(`已邀请 ${given.other.name}，请对方在7天内接受；接受后可代您办理到2027年2月21日。`));
  });

  it('accepts an invitation; 撤销 asks in the page first, then revokes', async () => {
    signIn();
    const calls = answerGrants((call) => (call.method === 'POST' ? ok({ ...given, status: 'REVOKED' }) : undefined));
    render(<GrantsPage />);
    await waitFor(() => expect(document.getElementById('grantee-1-accept')).not.toBeNull());
    fireEvent.click(document.getElementById('grantee-1-accept')!);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === `/api/grants/${pending.id}/accept`)).toBe(true));

    fireEvent.click(document.getElementById('grantor-0-revoke')!);
    expect(document.getElementById('grantor-0-confirm')).toHaveTextContent('撤销后 陈** 马上不能再代您办理。确定撤销吗？');
    expect(taro.showModal).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '确认撤销' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === `/api/grants/${given.id}/revoke`)).toBe(true));
    await waitFor(() => expect(document.getElementById('grants-done')).toHaveTextContent('✓ 已撤销：陈**'));
  });

  it('invites by phone with the relation, the chosen scopes and a shorter time; errors in words', async () => {
    signIn();
    const calls = answerGrants((call) => (call.method === 'POST' && call.url === '/api/grants' ? fail(422, 'GRANT_PHONE_NOT_REGISTERED') : undefined));
    render(<GrantsPage />);
    await waitFor(() => expect(document.getElementById('grant-form')).not.toBeNull());
    fireEvent.click(document.getElementById('grant-send')!);
    expect(document.getElementById('grant-form-error')).toHaveTextContent('请填写对方的11位手机号');
    fireEvent.change(screen.getByLabelText('亲友的手机号'), { target: { value: '13800000009' } });
    fireEvent.click(screen.getByRole('radio', { name: /子女/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /排队取号/ }));
    expect(screen.getByRole('checkbox', { name: /排队取号/ })).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(screen.getByRole('radio', { name: /三个月/ }));
    fireEvent.click(document.getElementById('grant-send')!);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/grants')).toBe(true));
    const sent = calls.find((c) => c.method === 'POST' && c.url === '/api/grants')!;
    expect(sent.data).toMatchObject({ granteePhone: '13800000009', relation: '子女', scopes: ['APPOINTMENT'] });
    expect((sent.data as { validUntil: string }).validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The code table's words, not the code.
    await waitFor(() => expect(document.getElementById('grant-form-error')).toHaveTextContent(errorCopy('GRANT_PHONE_NOT_REGISTERED')));
    expect(document.getElementById('grant-form-error')!.textContent).not.toMatch(/GRANT_/);
  });
});

const act = (patch: Partial<Activity> = {}): Activity => ({
  id: '41',
  at: '2026-11-23T01:40:00.000Z',
  direction: 'FOR_ME',
  person: { name: '陈**', relation: '子女' },
  action: 'ticket.take',
  words: '取号',
  result: 'ALLOWED',
  service: { id: 'b0000000-0000-4000-8000-000000000001', name: '身份证换领' },
  resource: null,
  disputedAt: null,
  grantRevoked: false,
  canDispute: true,
  ...patch,
});

describe.each(MODES)('授权记录 ($name)', ({ isElder }) => {
  beforeEach(() => updateElderState({ elderMode: isElder }));

  it('shows who did what and when, done or refused in words; 加载更多 pages on', async () => {
    signIn();
    const calls = answerRequests((call) =>
      call.url.includes('cursor=') ? ok({ items: [act({ id: '7', words: '预约', action: 'appointment.book' })] }) : ok({ items: [act(), act({ id: '40', result: 'DENIED', canDispute: false })], nextCursor: '40' }),
    );
    render(<ActivityPage />);
    await waitFor(() => expect(document.getElementById('activity-0-what')).toHaveTextContent('子女 陈** 代您取号：身份证换领'));
    expect(document.getElementById('activity-0')).toHaveTextContent('11月23日 周一 09:40');
    expect(document.getElementById('activity-0')).toHaveTextContent('已办理');
    expect(document.getElementById('activity-1')).toHaveTextContent('被拒绝（没有授权）');
    expect(document.getElementById('activity-1-dispute')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await waitFor(() => expect(document.getElementById('activity-2-what')).toHaveTextContent('代您预约'));
    expect(calls.map((c) => c.url)).toEqual(['/api/me/activity?direction=for_me', '/api/me/activity?direction=for_me&cursor=40']);
  });

  it('shows an act that was allowed but not done as 未办成, with nothing to dispute', async () => {
    signIn();
    answerRequests(() => ok({ items: [act({ id: '42', words: '预约', action: 'appointment.book', result: 'FAILED', canDispute: false })] }));
    render(<ActivityPage />);
    await waitFor(() => expect(document.getElementById('activity-0')).toHaveTextContent('未办成'));
    expect(document.getElementById('activity-0')).not.toHaveTextContent('已办理');
    expect(document.getElementById('activity-0-dispute')).toBeNull();
  });

  it('这不是我授权的 → confirm in the page → the grant revoked and reported to staff', async () => {
    signIn();
    const calls = answerRequests((call) => (call.method === 'POST' ? ok({ activity: act({ disputedAt: '2026-11-23T02:00:00.000Z', canDispute: false }), grantRevoked: true }) : ok({ items: [act()] })));
    render(<ActivityPage />);
    await waitFor(() => expect(document.getElementById('activity-0-dispute')).not.toBeNull());
    fireEvent.click(document.getElementById('activity-0-dispute')!);
    expect(document.getElementById('activity-0-confirm')).toHaveTextContent('陈** 的代办授权会马上撤销');
    fireEvent.click(screen.getByRole('button', { name: '确认，不是我授权的' }));
    await waitFor(() => expect(document.getElementById('activity-0-disputed')).toHaveTextContent('已撤销对 陈** 的代办授权，已报告工作人员核查'));
    expect(calls.at(-1)).toMatchObject({ method: 'POST', url: '/api/me/activity/41/dispute' });
    expect(document.getElementById('activity-0-dispute')).toBeNull();
  });

  it('after a reload still says a dispute revoked the grant (or that there was none to revoke), on both sides', async () => {
    signIn();
    const disputed = { disputedAt: '2026-11-23T02:00:00.000Z', canDispute: false };
    answerRequests((call) =>
      ok({
        items: call.url.includes('by_me')
          ? [act({ ...disputed, direction: 'BY_ME', person: { name: '张**', relation: '子女' }, grantRevoked: true })]
          : [act({ ...disputed, grantRevoked: true }), act({ ...disputed, id: '40', result: 'DENIED', grantRevoked: false })],
      }),
    );
    render(<ActivityPage />);
    await waitFor(() => expect(document.getElementById('activity-0-disputed')).toHaveTextContent('！已撤销对 陈** 的代办授权，已报告工作人员核查'));
    expect(document.getElementById('activity-1-disputed')!.textContent).toBe('！已报告工作人员核查');
    expect(document.getElementById('activity-0-dispute')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /我代别人办的/ }));
    await waitFor(() => expect(document.getElementById('activity-0-disputed')).toHaveTextContent('！张** 说这不是其授权的，已撤销对您的代办授权'));
  });

  it('shows only the list of the tab chosen last: a late answer for the other tab is dropped', async () => {
    signIn();
    // The first answer for 别人代我办的 comes only after the switch to 我代别人办的 has been answered.
    let answerForMe: () => void = () => undefined;
    const forMeAnswered = new Promise<void>((resolve) => {
      answerForMe = resolve;
    });
    const calls = answerRequests(async (call) => {
      if (call.url.includes('by_me')) return ok({ items: [act({ id: '9', direction: 'BY_ME', person: { name: '张**', relation: '子女' }, canDispute: false })] });
      await forMeAnswered;
      return ok({ items: [act({ id: '41' }), act({ id: '40' })], nextCursor: '40' });
    });
    render(<ActivityPage />);
    await waitFor(() => expect(calls.map((c) => c.url)).toEqual(['/api/me/activity?direction=for_me']));
    fireEvent.click(screen.getByRole('radio', { name: /我代别人办的/ }));
    await waitFor(() => expect(document.getElementById('activity-0-what')).toHaveTextContent('您代 张** 取号'));
    // The late answer arrives, and the page has every chance to show it.
    await inAct(async () => {
      answerForMe();
      await new Promise((resolve) => setTimeout(resolve, 150));
    });
    expect(document.getElementById('activity-0-what')).toHaveTextContent('您代 张** 取号');
    expect(document.getElementById('activity-1')).toBeNull();
    expect(document.getElementById('activity-more')).toBeNull();
    expect(screen.getByRole('radio', { name: /我代别人办的/ })).toHaveAttribute('aria-checked', 'true');
  });

  it('switches to what I did for others', async () => {
    signIn();
    const calls = answerRequests((call) => ok({ items: call.url.includes('by_me') ? [act({ direction: 'BY_ME', person: { name: '张**', relation: '子女' }, canDispute: false })] : [] }));
    render(<ActivityPage />);
    await waitFor(() => expect(document.getElementById('activity-empty')).toHaveTextContent('还没有人代您办过事。'));
    fireEvent.click(screen.getByRole('radio', { name: /我代别人办的/ }));
    await waitFor(() => expect(document.getElementById('activity-0-what')).toHaveTextContent('您代 张** 取号：身份证换领'));
    expect(calls.at(-1)!.url).toBe('/api/me/activity?direction=by_me');
  });
});
