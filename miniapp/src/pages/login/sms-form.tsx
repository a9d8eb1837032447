// Phone + SMS one-time code. The phone is checked here first (same rule as the BFF) so a typo is
// reported at once; outside production the BFF returns the code (devCode) and the form shows it.
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { isValidMobile } from '@palm/shared';
import { sendSmsCode, verifySmsCode } from '../../api/auth';
import { ERROR_COPY, messageOf } from '../../api/errors';
import { Button } from '../../components/button';
import { TextField } from '../../components/text-field';
import { CONSENT_NEEDED } from '../../features/auth/consent';

export interface SmsFormProps {
  /** The 用户协议 / 隐私政策 tick: no code is sent and no sign-in made without it. */
  agreed: boolean;
  onSignedIn: () => void;
  onError: (message: string | null) => void;
}

export function SmsForm({ agreed, onSignedIn, onError }: SmsFormProps) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [devCode, setDevCode] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState<'send' | 'verify' | null>(null);

  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const send = async () => {
    onError(null);
    if (!agreed) return onError(CONSENT_NEEDED);
    if (!isValidMobile(phone.trim())) return onError(ERROR_COPY.PHONE_INVALID ?? null);
    setBusy('send');
    try {
      const sent = await sendSmsCode(phone.trim());
      setWait(sent.resendAfterSeconds);
      setDevCode(sent.devCode ?? null);
    } catch (failure) {
      onError(messageOf(failure));
    }
    setBusy(null);
  };

  const verify = async () => {
    onError(null);
    if (!agreed) return onError(CONSENT_NEEDED);
    if (!/^\d{6}$/.test(code.trim())) return onError(ERROR_COPY.OTP_INVALID ?? null);
    setBusy('verify');
    try {
      await verifySmsCode(phone.trim(), code.trim());
      onSignedIn();
    } catch (failure) {
      onError(messageOf(failure));
    }
    setBusy(null);
  };

  return (
    <View>
      <TextField id='login-phone' label='手机号' type='tel' maxLength={11} value={phone} placeholder='请输入手机号' onInput={setPhone} />
      <TextField
        id='login-code'
        label='验证码'
        type='number'
        maxLength={6}
        value={code}
        placeholder='6位数字'
        onInput={setCode}
        trailing={
          <Button id='login-send-code' variant='text' isDisabled={wait > 0} isLoading={busy === 'send'} onClick={() => void send()}>
            {wait > 0 ? `${wait}秒后重发` : '获取验证码'}
          </Button>
        }
      />
      {devCode ? (
        <Text id='login-dev-code' className='login__hint'>
          开发环境验证码：{devCode}
        </Text>
      ) : null}
      <Button id='login-submit' isBlock isLoading={busy === 'verify'} onClick={() => void verify()}>
        登录
      </Button>
    </View>
  );
}
