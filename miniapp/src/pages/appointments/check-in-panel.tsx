// 到大厅签到 (30 minutes before to 15 after the start, DESIGN.md §4): on WeChat and Alipay 扫码签到
// first, typing the code shown at the hall as the fallback; H5 has no scanner, so the field only.
// The code is new every day (hall-code.ts); after too many wrong ones today (429) only the window
// is offered.
// Either way the clerk can also check the person in at a window — said every time, because the
// window must never depend on the phone (DESIGN.md §1). Whether it is open is the BFF's
// `canCheckIn`; the detail asks again when the window opens or closes (use-check-in-timer.ts), and
// so does a refusal for the time, so the controls follow the BFF without reopening the page.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { checkInAppointment, type AppointmentView } from '../../api/appointments';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { TextField } from '../../components/text-field';
import { checkInWindow, dayLabel } from '../../features/appointments/words';
import { HALL_CODE_LENGTH, normaliseTyped, readScan } from './hall-code';

/** Read at call time (tests switch the platform). */
const canScan = () => process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay';

const TYPED_COPY: Record<string, string> = {
  VALIDATION_FAILED: '签到码不对，请核对大厅窗口显示的字母和数字',
};

/** No more tries by code today: the BFF's 429 for this person at this hall. */
const LOCKED = 'RATE_LIMITED';

/** Refusals that mean the window opened or closed since the page asked: the page asks again. */
const TIME_CODES = ['CHECK_IN_NOT_OPEN', 'CHECK_IN_CLOSED'];

/** Shorter than any hall code: not sent. */
const MIN_CODE_LENGTH = 4;

export interface CheckInPanelProps {
  appointment: AppointmentView;
  onCheckedIn: (a: AppointmentView) => void;
  /** Asks the BFF for the appointment again. */
  onRefresh?: () => void;
}

export function CheckInPanel({ appointment, onCheckedIn, onRefresh }: CheckInPanelProps) {
  const [isTyping, setIsTyping] = useState(!canScan());
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'scan' | 'type' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLocked, setIsLocked] = useState(false);
  const isOpen = appointment.canCheckIn !== false;
  const canUseCode = isOpen && !isLocked;

  const send = async (hallCode: string, how: 'scan' | 'type') => {
    setBusy(how);
    setError(null);
    try {
      onCheckedIn(await checkInAppointment(appointment.id, hallCode, { isQuiet: true }));
    } catch (failure) {
      const refusal = failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0);
      if (refusal.code === LOCKED) {
        setIsLocked(true);
        setError(`签到码输错次数太多，今天不能再用签到码签到了。请到窗口出示预约码 ${appointment.code}，由工作人员为您签到。`);
      } else setError((how === 'type' && TYPED_COPY[refusal.code]) || refusal.message);
      if (TIME_CODES.includes(refusal.code)) onRefresh?.();
    }
    setBusy(null);
  };
  // The button is never greyed out for a short code: grey alone would say its state by colour
  // (DESIGN.md §4). A tap says in words what is missing instead.
  const submit = () => {
    const typed = normaliseTyped(code);
    if (typed.length < MIN_CODE_LENGTH) setError(`请先输入大厅窗口显示的${HALL_CODE_LENGTH}位字母和数字`);
    else void send(typed, 'type');
  };

  const scan = async () => {
    let result = '';
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result ?? '';
    } catch {
      // Cancelled, or the camera refused: nothing happened, both ways stay offered.
      return;
    }
    const reading = readScan(result, appointment.office);
    if ('problem' in reading) setError(reading.problem);
    else await send(reading.hallCode, 'scan');
  };

  return (
    <Card id='checkin' title='到大厅签到'>
      <View className='palm-stack'>
        <Text id='checkin-window' className='book__line'>{`签到时间：${dayLabel(appointment.date)} ${checkInWindow(appointment)}`}</Text>
        {error ? <ErrorState id='checkin-error' message={error} /> : null}
        {isOpen ? null : (
          <Text id='checkin-not-open' className='book__line'>
            {/* Still changeable means before the window (both end 30 minutes before the start). */}
            {`现在不在签到时间内。请在上面的签到时间到大厅签到。${appointment.canChange ? '到时这里会出现签到按钮，不用重新打开页面。' : ''}`}
          </Text>
        )}
        {canUseCode ? (
          <Text id='checkin-where' className='book__line'>
            签到码在大厅窗口的屏幕上，每天更换。
          </Text>
        ) : null}
        {canUseCode && canScan() ? (
          <Button id='checkin-scan' isBlock isLoading={busy === 'scan'} onClick={() => void scan()}>
            扫码签到
          </Button>
        ) : null}
        {canUseCode && !isTyping ? (
          <Button id='checkin-type' variant='text' isBlock onClick={() => setIsTyping(true)}>
            扫不了？输入大厅签到码
          </Button>
        ) : null}
        {canUseCode && isTyping ? (
          <View>
            <TextField id='checkin-code' label='输入大厅签到码' placeholder={`大厅窗口显示的${HALL_CODE_LENGTH}位字母数字`} value={code} maxLength={64} onInput={setCode} />
            <Button id='checkin-submit' isBlock isLoading={busy === 'type'} onClick={submit}>
              签到
            </Button>
          </View>
        ) : null}
        <Text id='checkin-window-desk' className='book__line'>{`也可以到窗口出示预约码 ${appointment.code}，由工作人员为您签到。`}</Text>
      </View>
    </Card>
  );
}
