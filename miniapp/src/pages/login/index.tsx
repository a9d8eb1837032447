// 登录: the platform's own sign-in where there is one (WeChat / Alipay, only on a tap), phone + SMS
// code everywhere, and the demo accounts' sign-in wherever the BFF offers it (never in production:
// GET /api/auth/methods says so, so one build serves the demo and the real thing). Errors stay on
// the page (no pop-up). Platform and SMS sign-in wait for the 用户协议 / 隐私政策 tick; the demo
// accounts (test environments only, never a real person's data) do not.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { devSignIn, getAuthMethods } from '../../api/auth';
import { messageOf } from '../../api/errors';
import { PLATFORM_LOGIN_LABEL, signInWithPlatform } from '../../api/platform-login';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { Consent, CONSENT_NEEDED } from '../../features/auth/consent';
import { PageShell } from '../../components/page-shell';
import { goBack, PAGES } from '../../lib/routes';
import { SmsForm } from './sms-form';
import './index.scss';

// The grid worker last: the others keep the places the browser suites tap them by.
const DEMO_PHONES = [
  { phone: '13800000001', label: '演示：普通市民' },
  { phone: '13800000002', label: '演示：70岁以上市民' },
  { phone: '13800000004', label: '演示：窗口工作人员' },
  { phone: '13800000005', label: '演示：主管（全县）' },
  { phone: '13800000003', label: '演示：网格员（上坊村）' },
  { phone: '13800000006', label: '演示：管理员' },
  { phone: '13800000007', label: '演示：大厅负责人（青石县政务服务中心）' },
];

export default function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [agreed, setAgreed] = useState(false);
  const methods = useApi(getAuthMethods, []).data;
  const done = () => goBack(PAGES.me);

  const run = async (key: string, signIn: () => Promise<unknown>) => {
    setError(null);
    if (key === 'platform' && !agreed) return setError(CONSENT_NEEDED);
    setBusy(key);
    try {
      await signIn();
      done();
    } catch (failure) {
      setError(messageOf(failure));
    }
    setBusy(null);
  };

  return (
    <PageShell>
      <Text className='palm-font-title'>登录掌上办</Text>
      <Text className='login__hint'>登录后，长辈版等设置在微信、支付宝和网页上通用。</Text>
      <Consent agreed={agreed} onChange={(next) => { setAgreed(next); if (next) setError(null); }} />
      {error ? <ErrorState id='login-error' message={error} /> : null}
      {PLATFORM_LOGIN_LABEL ? (
        <Card>
          <Button id='login-platform' isBlock isLoading={busy === 'platform'} onClick={() => void run('platform', signInWithPlatform)}>
            {PLATFORM_LOGIN_LABEL}
          </Button>
        </Card>
      ) : null}
      <Card title={PLATFORM_LOGIN_LABEL ? '或用手机号登录' : '手机号登录'}>
        <SmsForm agreed={agreed} onSignedIn={done} onError={setError} />
      </Card>
      {methods?.devLogin ? (
        <Card title='演示账号（仅测试环境）'>
          <View className='palm-stack'>
            {DEMO_PHONES.map(({ phone, label }, index) => (
              <Button key={phone} id={`dev-login-${index}`} variant='secondary' isBlock isLoading={busy === phone} onClick={() => void run(phone, () => devSignIn(phone))}>
                {label}
              </Button>
            ))}
          </View>
        </Card>
      ) : null}
    </PageShell>
  );
}
