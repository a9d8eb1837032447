// The pages while acting for someone: 取号 within a QUEUE grant says whom it is for and sends
// X-On-Behalf-Of, a grant without QUEUE explains instead of offering 取号 (and asks nothing of the
// BFF), a grant naming services limits the chooser; 我的 says whose matters it shows and offers
// 回到本人; 我的排队 lists the person's numbers under their name.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useRouter } from '@tarojs/taro';
import { getActingFor, startActing, type ActingFor } from '../../src/api/acting-store';
import MePage from '../../src/pages/me/index';
import TakeTicketPage from '../../src/pages/take-ticket/index';
import TicketsPage from '../../src/pages/tickets/index';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, MODES, ok, resetAll, signIn } from '../helpers';
import { office, officeDetail, services } from './fixtures';
import { MOTHER_ID } from './grant-fixtures';

const routeTo = (params: Record<string, string>) => (useRouter as jest.Mock).mockReturnValue({ params });
const mother = (patch: Partial<ActingFor> = {}): ActingFor => ({ userId: MOTHER_ID, grantId: 'g', name: '张**', relation: '子女', scopes: ['APPOINTMENT', 'QUEUE'], services: [], validUntil: '2099-01-01T00:00:00.000Z', ownerId: null, ...patch });

function bff() {
  return answerRequests(({ url }) => {
    if (url.startsWith(`/api/offices/${office.id}/queue/preview`)) return ok({ open: true, peopleAhead: 3, estimate: { lowMinutes: 8, highMinutes: 13 } });
    if (url.startsWith(`/api/offices/${office.id}`)) return ok({ ...officeDetail, services: services.slice(0, 3).map((s) => ({ id: s.id, name: s.name, category: 'SOCIAL_SECURITY', categoryLabel: '社会保险', hasOnlineBooking: true })) });
    if (url.startsWith('/api/offices')) return ok({ items: [office] });
    if (url.startsWith('/api/grants')) return ok({ items: [] });
    if (url === '/api/me') return ok({ id: 'son', name: '陈思远', roles: ['CITIZEN'], preferences: { elderMode: false, fontScale: 1, locale: 'zh-CN' } });
    return ok({ items: [] });
  });
}

beforeEach(() => {
  resetAll();
  process.env.TARO_ENV = 'h5';
});

describe.each(MODES)('acting for someone ($name)', ({ isElder }) => {
  beforeEach(() => updateElderState({ elderMode: isElder }));

  it('取号 says whom the number is for and the preview goes on her behalf', async () => {
    signIn();
    startActing(mother());
    routeTo({ officeId: office.id, serviceId: services[0]!.id });
    const calls = bff();
    render(<TakeTicketPage />);
    expect(await screen.findByRole('button', { name: '确认代 张** 取号' })).toBeInTheDocument();
    expect(calls.find((c) => c.url.includes('/queue/preview'))!.header['X-On-Behalf-Of']).toBe(MOTHER_ID);
  });

  it('取号’s preview is hers (her lane, her number) and is asked again for oneself after 回到本人', async () => {
    signIn();
    startActing(mother());
    routeTo({ officeId: office.id, serviceId: services[0]!.id });
    // Her preview: the priority lane, and a number she already holds; one's own: 5 ahead.
    const calls = answerRequests(({ url, header }) => {
      if (url.startsWith(`/api/offices/${office.id}/queue/preview`)) {
        return header['X-On-Behalf-Of'] === MOTHER_ID
          ? ok({ open: false, code: 'TICKET_ALREADY_ACTIVE', reason: '对方在该大厅已有这项业务的排队号', activeTicketId: 't-hers', peopleAhead: 0, estimate: null })
          : ok({ open: true, peopleAhead: 5, estimate: { lowMinutes: 20, highMinutes: 30 } });
      }
      if (url.startsWith(`/api/offices/${office.id}`)) return ok({ ...officeDetail, services: services.slice(0, 3).map((s) => ({ id: s.id, name: s.name, category: 'SOCIAL_SECURITY', categoryLabel: '社会保险', hasOnlineBooking: true })) });
      return ok({ items: [] });
    });
    render(<TakeTicketPage />);
    expect(await screen.findByText('对方在该大厅已有这项业务的排队号')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '查看 张** 的排队号' })).toBeInTheDocument();
    expect(document.getElementById('take-people-ahead')).toHaveTextContent('0');
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: '回到本人，不再代 张** 办理' }));
    });
    await waitFor(() => expect(document.getElementById('take-people-ahead')).toHaveTextContent('5'));
    expect(await screen.findByRole('button', { name: '确认取号' })).toBeInTheDocument();
    const previews = calls.filter((c) => c.url.includes('/queue/preview'));
    expect(previews.map((c) => c.header['X-On-Behalf-Of'])).toEqual([MOTHER_ID, undefined]);
  });

  it('a number refused for want of a grant does not ask for her preview again: it drops back to oneself, then asks for one’s own', async () => {
    signIn();
    startActing(mother());
    routeTo({ officeId: office.id, serviceId: services[0]!.id });
    const calls = answerRequests(async ({ url, method }) => {
      if (method === 'POST' && url === '/api/tickets') return fail(403, 'ON_BEHALF_NOT_ALLOWED');
      // The grant is gone (revoked on her phone); the check takes a moment, as over a network.
      if (url.startsWith('/api/grants/')) return new Promise((resolve) => setTimeout(() => resolve(fail(404, 'NOT_FOUND')), 50));
      if (url.startsWith(`/api/offices/${office.id}/queue/preview`)) return ok({ open: true, peopleAhead: 3, estimate: { lowMinutes: 8, highMinutes: 13 } });
      if (url.startsWith(`/api/offices/${office.id}`)) return ok({ ...officeDetail, services: services.slice(0, 3).map((s) => ({ id: s.id, name: s.name, category: 'SOCIAL_SECURITY', categoryLabel: '社会保险', hasOnlineBooking: true })) });
      return ok({ items: [] });
    });
    render(<TakeTicketPage />);
    fireEvent.click(await screen.findByRole('button', { name: '确认代 张** 取号' }));
    expect(await screen.findByRole('button', { name: '确认取号' })).toBeInTheDocument();
    expect(getActingFor()).toBeNull();
    const previews = calls.filter((c) => c.url.includes('/queue/preview'));
    expect(previews.map((c) => c.header['X-On-Behalf-Of'])).toEqual([MOTHER_ID, undefined]);
  });

  it('a grant without 排队取号 explains instead of offering 取号', async () => {
    signIn();
    startActing(mother({ scopes: ['APPOINTMENT'] }));
    routeTo({ officeId: office.id, serviceId: services[0]!.id });
    bff();
    render(<TakeTicketPage />);
    expect(document.getElementById('acting-gate')).toHaveTextContent('不能代 张** 取号');
    expect(document.getElementById('acting-gate')).toHaveTextContent('授权不含“排队取号”');
    expect(screen.queryByRole('button', { name: /取号$/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '回到本人办理' }));
    expect(getActingFor()).toBeNull();
    expect(await screen.findByRole('button', { name: '确认取号' })).toBeInTheDocument();
  });

  it('a grant naming services limits the service chooser to them', async () => {
    signIn();
    startActing(mother({ services: [{ id: services[1]!.id, name: services[1]!.name }] }));
    routeTo({ officeId: office.id });
    bff();
    render(<TakeTicketPage />);
    await waitFor(() => expect(screen.getByRole('radio', { name: new RegExp(services[1]!.name) })).toBeInTheDocument());
    expect(screen.queryByRole('radio', { name: new RegExp(services[0]!.name) })).toBeNull();
  });

  it('我的 says whose matters it shows; 我的排队 lists hers under her name, asked on her behalf', async () => {
    signIn();
    startActing(mother());
    const calls = bff();
    const me = render(<MePage />);
    expect(await screen.findByText('正在代 张** 办理')).toBeInTheDocument();
    expect(document.getElementById('me-tickets')).toHaveTextContent('张** 的排队');
    await waitFor(() => expect(calls.some((c) => c.url === '/api/tickets')).toBe(true));
    expect(calls.find((c) => c.url === '/api/tickets')!.header['X-On-Behalf-Of']).toBe(MOTHER_ID);
    expect(calls.find((c) => c.url === '/api/me')!.header['X-On-Behalf-Of']).toBeUndefined();
    me.unmount();
    render(<TicketsPage />);
    expect(await screen.findByText('张** 还没有排队号。')).toBeInTheDocument();
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: '回到本人，不再代 张** 办理' }));
    });
    expect(await screen.findByText('您还没有排队号。')).toBeInTheDocument();
  });
});
