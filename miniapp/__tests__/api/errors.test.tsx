// One table turns every error code into plain Chinese, and the request wrapper uses it: what the
// person reads for a code is the table's copy, whatever the server's own words — except for the
// few codes whose BFF message is more precise (when check-in opens, a suspension's reason).
import { render, screen } from '@testing-library/react';
import { ERROR_CODES } from '@palm/shared';
import { ApiError, ERROR_COPY, errorCopy } from '../../src/api/errors';
import { request } from '../../src/api/request';
import { ErrorState } from '../../src/components/error-state';
import { answerRequests, fail, resetAll } from '../helpers';

beforeEach(resetAll);

const serverCodes = Object.entries(ERROR_CODES).filter(([code]) => !['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'REFRESH_TOKEN_INVALID'].includes(code));
const HAS_CHINESE = /[\u4e00-\u9fa5]/;

describe('error copy', () => {
  it('has plain Chinese copy for every shared error code, and for no network and timeouts', () => {
    for (const code of [...Object.keys(ERROR_CODES), 'NETWORK_ERROR', 'TIMEOUT', 'BAD_RESPONSE']) {
      expect(ERROR_COPY[code]).toMatch(HAS_CHINESE);
      expect(ERROR_COPY[code]).not.toMatch(/[A-Z]{3,}|\d{3}/);
    }
  });

  it('starts from the shared ERROR_CODES messages', () => {
    for (const [code, { message }] of Object.entries(ERROR_CODES)) expect(errorCopy(code)).toBe(message);
  });

  it('falls back to the server message, then to the HTTP status, for a code it does not know', () => {
    // A code newer than this build of the app (the BFF may be updated first).
    expect(errorCopy('WAITLIST_OFFER_EXPIRED', 409, '候补名额已过期')).toBe('候补名额已过期');
    expect(errorCopy('WAITLIST_OFFER_EXPIRED', 409)).toBe(ERROR_CODES.CONFLICT.message);
    expect(errorCopy('WHATEVER', 502)).toBe(ERROR_CODES.INTERNAL.message);
  });

  it('shows the BFF’s own Chinese words for the codes it words precisely, never a framework’s English', () => {
    expect(errorCopy('CHECK_IN_NOT_OPEN', 422, '还没到签到时间，今天 09:10 起可以签到（预约开始前30分钟）')).toBe('还没到签到时间，今天 09:10 起可以签到（预约开始前30分钟）');
    expect(errorCopy('APPOINTMENT_SUSPENDED', 422, '30天内3次预约未到（11月2日、11月9日、11月16日），网上预约暂停至11月30日 09:46')).toMatch(/^30天内3次预约未到/);
    expect(errorCopy('CHECK_IN_NOT_OPEN', 422, 'body/hallCode must be string')).toBe(ERROR_CODES.CHECK_IN_NOT_OPEN.message);
    // Any other code keeps the table's copy.
    expect(errorCopy('SLOT_FULL', 409, '服务器的说明')).toBe(ERROR_CODES.SLOT_FULL.message);
  });

  it('marks no network, busy and unavailable as worth retrying, a refusal as not', () => {
    expect(new ApiError('NETWORK_ERROR', 0).isRetryable).toBe(true);
    expect(new ApiError('RATE_LIMITED', 429).isRetryable).toBe(true);
    expect(new ApiError('SERVICE_UNAVAILABLE', 503).isRetryable).toBe(true);
    expect(new ApiError('NOT_FOUND', 404).isRetryable).toBe(false);
  });
});

describe('request errors as the person sees them', () => {
  it.each(serverCodes)('%s from the BFF reaches the page as its table copy', async (code, { status, message }) => {
    answerRequests(() => fail(status, code, 'server words that are not shown'));
    const error = await request('/api/services', { isQuiet: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(code);
    expect((error as ApiError).message).toBe(message);
    render(<ErrorState message={(error as ApiError).message} />);
    expect(screen.getByRole('alert')).toHaveTextContent(message);
  });

  it('a failed connection reads as the no-network copy', async () => {
    answerRequests(() => new Error('request:fail net::ERR_INTERNET_DISCONNECTED'));
    await expect(request('/api/services', { isQuiet: true })).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: ERROR_COPY.NETWORK_ERROR });
  });

  it('a timeout reads as the slow-network copy', async () => {
    answerRequests(() => new Error('request:fail timeout'));
    await expect(request('/api/services', { isQuiet: true })).rejects.toMatchObject({ code: 'TIMEOUT', message: ERROR_COPY.TIMEOUT });
  });
});
