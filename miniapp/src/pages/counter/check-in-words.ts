// 预约签到 at the window in words: the appointment code as the clerk types it, why a typed code
// cannot be one, an appointment's status (a word and a shape, never colour alone), and refusals.
import { APPOINTMENT_CODE_ALPHABET, APPOINTMENT_CODE_LENGTH, type AppointmentStatusKey } from '@palm/shared';
import type { OfficeAppointment } from '@palm/shared/server';
import { ApiError, messageOf } from '../../api/errors';
import type { StatusTone } from '../../components/status-tag';
import { joinFacts } from '../../lib/format';

/** Characters left out of the code alphabet because they are misread for one another. */
const LOOK_ALIKES = ['0', 'O', '1', 'I', 'L'];

/** As typed or read out: spaces and hyphens dropped, capitals (codes are shown in capitals). */
export const normaliseCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();

/** Why the (normalised) code cannot be an appointment code, said while typing; null while it still may be one. */
export function codeProblem(code: string): string | null {
  const impossible = [...new Set([...code].filter((ch) => !APPOINTMENT_CODE_ALPHABET.includes(ch)))];
  const quoted = (chars: string[]) => chars.map((ch) => `“${ch}”`).join('');
  const lookAlikes = impossible.filter((ch) => LOOK_ALIKES.includes(ch));
  if (lookAlikes.length > 0) return `预约码里没有 0、O、1、I、L 这几个易混字符，不会有${quoted(lookAlikes)}，请让群众再读一遍或出示预约码`;
  if (impossible.length > 0) return `预约码只有字母和数字，不会有${quoted(impossible)}，请核对`;
  if (code.length > APPOINTMENT_CODE_LENGTH) return `预约码是${APPOINTMENT_CODE_LENGTH}位，现在输入了${code.length}位，请核对`;
  return null;
}

/** What a tap on 签到 says instead of sending, or null when the code may be sent. */
export function codeToSend(code: string): string | null {
  if (code === '') return `请先输入群众报出的${APPOINTMENT_CODE_LENGTH}位预约码`;
  const problem = codeProblem(code);
  if (problem) return problem;
  return code.length < APPOINTMENT_CODE_LENGTH ? `预约码是${APPOINTMENT_CODE_LENGTH}位，现在只输入了${code.length}位` : null;
}

/** 待签到 is the one that asks for action: the notice shape (!) as well as the word. */
export const APPOINTMENT_WORDS: Record<AppointmentStatusKey, { text: string; tone: StatusTone }> = {
  BOOKED: { text: '待签到', tone: 'notice' },
  CHECKED_IN: { text: '已签到', tone: 'open' },
  DONE: { text: '已办结', tone: 'neutral' },
  CANCELLED: { text: '已取消', tone: 'closed' },
  NO_SHOW: { text: '未到', tone: 'closed' },
};

export const appointmentWords = (status: string) => APPOINTMENT_WORDS[status as AppointmentStatusKey] ?? { text: status, tone: 'neutral' as StatusTone };

/** One line about an appointment of the day: 09:00–09:30 社会保障卡申领 · 张** · 已取消. */
export const appointmentLine = (a: OfficeAppointment): string => joinFacts(`${a.start}–${a.end} ${a.service.name}`, a.name, appointmentWords(a.status).text);

/**
 * The words for a refused check-in. A code not of this hall is said for the clerk; the time and
 * state refusals (CHECK_IN_NOT_OPEN, CHECK_IN_CLOSED, APPOINTMENT_STATE, TICKET_ALREADY_ACTIVE)
 * keep the request wrapper's plain-Chinese copy.
 */
const CLERK_COPY: Record<string, string> = {
  NOT_FOUND: '没有找到该预约码（请确认是本大厅的预约）',
  VALIDATION_FAILED: `预约码是${APPOINTMENT_CODE_LENGTH}位字母和数字，请核对`,
};

export const refusalOf = (failure: unknown): string => (failure instanceof ApiError && CLERK_COPY[failure.code]) || messageOf(failure);

/** "K7M2QXPA" → "K7M2 QXPA": read and copied in two groups of four. */
export const groupCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');
