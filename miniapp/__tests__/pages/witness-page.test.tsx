// 见证授权 against a scripted BFF: clerks only; the ID number checked by GB 11643 before anything is
// sent and then shown masked only; the new grant checked on an in-page confirmation listing what
// will be recorded, then sent once with the form's number; a witnessed grant revoked after an
// in-page confirmation, an in-app one not offered for revoking; refusals in words.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { residentIdCheckDigit } from '@palm/shared';
import type { WitnessGrant, WitnessRecord } from '@palm/shared/server';
import { setMe } from '../../src/api/session';
import WitnessPage, { bodyOf, draftProblem, idNumberProblem } from '../../src/pages/witness/index';
import { answerRequests, fail, me, ok, resetAll, signIn } from '../helpers';

const BODY = '36122119461002019';
const ID_NUMBER = BODY + residentIdCheckDigit(BODY);
const clerkMe = { ...me, name: '赵雪梅', roles: ['CITIZEN' as const, 'CLERK' as const], officeId: '5eed0001-0000-4000-8000-000000000001' };

const grant = (patch: Partial<WitnessGrant> = {}): WitnessGrant => ({
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  grantee: { name: '周**', phoneMasked: '138****0003', isGridWorker: true },
  relation: '网格员',
  scopes: ['APPOINTMENT', 'QUEUE'],
  services: [],
  status: 'ACTIVE',
  consentMethod: 'WITNESSED',
  formNumber: 'JZ-0001',
  validFrom: '2026-11-23T01:00:00.000Z',
  validUntil: '2027-02-21T16:00:00.000Z',
  createdAt: '2026-11-23T01:00:00.000Z',
  endedAt: null,
  revokedBy: null,
  canRevoke: true,
  ...patch,
});
const record = (items: WitnessGrant[]): WitnessRecord => ({ resident: { name: '刘**', idNumberMasked: '3612**********0193', hasPhone: false }, items });

beforeEach(() => {
  resetAll();
});

describe('见证授权', () => {
  it('is for clerks: a citizen is told in words and nothing is looked up', async () => {
    const calls = answerRequests(({ url }) => (url === '/api/me' ? ok(me) : fail(500, 'INTERNAL')));
    signIn();
    setMe(me);
    render(<WitnessPage />);
    expect(await screen.findByText('无权限')).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/grants'))).toBe(false);
  });

  it('checks the ID number before sending, shows the resident masked, confirms in the page, records once', async () => {
    let items = [grant({ id: 'bbbbbbbb-0000-4000-8000-000000000002', consentMethod: 'IN_APP', formNumber: null, canRevoke: false, grantee: { name: '陈**', phoneMasked: '138****0001', isGridWorker: false }, relation: '子女' })];
    const calls = answerRequests(({ url, data }) => {
      if (url === '/api/me') return ok(clerkMe);
      if (url === '/api/grants/witnessed/lookup') return ok(record(items));
      if (url === '/api/grants/witnessed') {
        const created = grant({ formNumber: (data as { formNumber: string }).formNumber });
        items = [created, ...items];
        return { status: 201, body: { resident: record([]).resident, grant: created } };
      }
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(clerkMe);
    render(<WitnessPage />);

    fireEvent.input(await screen.findByLabelText('身份证号'), { target: { value: `${BODY}${ID_NUMBER.endsWith('0') ? '1' : '0'}` } });
    fireEvent.click(screen.getByRole('button', { name: '查找' }));
    expect(await screen.findByText(/校验码不对/)).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/grants'))).toBe(false);

    fireEvent.input(screen.getByLabelText('身份证号'), { target: { value: ID_NUMBER.toLowerCase() } });
    fireEvent.click(screen.getByRole('button', { name: '查找' }));
    expect(await screen.findByText('3612**********0193')).toBeInTheDocument();
    expect(calls.find((c) => c.url === '/api/grants/witnessed/lookup')).toMatchObject({ method: 'POST', data: { residentIdNumber: ID_NUMBER } });
    expect(document.body.textContent).not.toContain(ID_NUMBER);
    // The in-app grant is listed, not offered for revoking here.
    expect(screen.getByText(/请本人在“我的 → 亲友代办”中撤销/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '撤销' })).toBeNull();

    fireEvent.input(screen.getByLabelText('代办人手机号'), { target: { value: '13800000003' } });
    fireEvent.click(screen.getByRole('radio', { name: /^网格员/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /申办事项/ }));
    fireEvent.click(screen.getByRole('button', { name: '核对信息' }));
    expect(await screen.findByText(/授权书上的编号/)).toBeInTheDocument();
    fireEvent.input(screen.getByLabelText('授权书编号'), { target: { value: 'jz-0001' } });
    fireEvent.click(screen.getByRole('button', { name: '核对信息' }));
    const confirm = within(document.getElementById('witness-confirm')!);
    for (const words of ['刘**', '138****0003', '网格员', '预约、排队取号、申办事项', 'JZ-0001']) expect(confirm.getByText(new RegExp(words.replace(/\*/g, '\\*')))).toBeInTheDocument();
    expect(calls.some((c) => c.url === '/api/grants/witnessed')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: '确认登记' }));
    expect(await screen.findByText('授权已生效')).toBeInTheDocument();
    const sent = calls.filter((c) => c.url === '/api/grants/witnessed');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toEqual({ residentIdNumber: ID_NUMBER, granteePhone: '13800000003', relation: '网格员', scopes: ['APPOINTMENT', 'QUEUE', 'APPLICATION'], formNumber: 'JZ-0001' });
  });

  it('revokes a witnessed grant only after an in-page confirmation, and says a refusal in words', async () => {
    let items = [grant()];
    let refuse = true;
    const calls = answerRequests(({ url }) => {
      if (url === '/api/me') return ok(clerkMe);
      if (url === '/api/grants/witnessed/lookup') return ok(record(items));
      if (url.endsWith('/revoke')) {
        if (refuse) {
          refuse = false;
          return fail(409, 'GRANT_STATE', '该授权已撤销');
        }
        items = [grant({ status: 'REVOKED', revokedBy: 'STAFF', canRevoke: false })];
        return ok(items[0]);
      }
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(clerkMe);
    render(<WitnessPage />);
    fireEvent.input(await screen.findByLabelText('身份证号'), { target: { value: ID_NUMBER } });
    fireEvent.click(screen.getByRole('button', { name: '查找' }));
    fireEvent.click(await screen.findByRole('button', { name: '撤销' }));
    expect(screen.getByText(/撤销后对方立即不能再代办/)).toBeInTheDocument();
    expect(calls.some((c) => c.url.endsWith('/revoke'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '确认撤销' }));
    expect(await screen.findByText('该授权已撤销')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '确认撤销' }));
    await waitFor(() => expect(screen.getByText('窗口撤销')).toBeInTheDocument());
    expect(calls.filter((c) => c.url.endsWith('/revoke')).map((c) => c.data)).toEqual([{}, {}]);
  });
});

describe('见证授权 rules on the page', () => {
  it('names the ID number problem, the first missing field, and sends the longest validity by omission', () => {
    expect(idNumberProblem(ID_NUMBER)).toBeNull();
    expect(idNumberProblem('123')).toMatch(/18位/);
    const draft = { phone: '138 0000 0003', relation: '子女', scopes: ['QUEUE' as const], validity: 'max' as const, formNumber: 'a-12' };
    expect(draftProblem(draft)).toBeNull();
    expect(draftProblem({ ...draft, phone: '1234' })).toMatch(/手机号/);
    expect(draftProblem({ ...draft, relation: '' })).toMatch(/关系/);
    expect(draftProblem({ ...draft, scopes: [] })).toMatch(/代办范围/);
    expect(draftProblem({ ...draft, formNumber: '编号' })).toMatch(/编号/);
    expect(bodyOf(` ${ID_NUMBER.toLowerCase()} `, draft)).toEqual({ residentIdNumber: ID_NUMBER, granteePhone: '13800000003', relation: '子女', scopes: ['QUEUE'], formNumber: 'A-12' });
    expect(bodyOf(ID_NUMBER, { ...draft, validity: '30' }).validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
