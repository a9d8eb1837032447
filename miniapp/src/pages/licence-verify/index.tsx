// 核验亮证 (窗口工作台, beside 见证授权): the clerk scans the person's 亮证 code (Taro.scanCode on the
// mini-programs) or, at a window PC, pastes it (a scanner gun types it into the box), and sees only
// what the BFF answers: the fields the person's purpose needs, the holder masked, the licence's
// type and status, and whether it was shown for someone (代出示). Each refusal in words for the
// window (features/licences/words.ts). Clerks only; the BFF checks the role again.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { verifyLicenceToken, type LicenceVerification } from '../../api/licences';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { isClerkMe, StaffGate } from '../../components/staff-gate';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';
import { licenceStatusWords, verifyRefusalWords, whenWords } from '../../features/licences/words';
import './index.scss';

const canScan = process.env.TARO_ENV !== 'h5';

function Result({ result }: { result: LicenceVerification }) {
  const status = licenceStatusWords(result.licence.status);
  return (
    <Card id='verify-result' title='核验结果'>
      <View className='palm-stack'>
        <StatusTag id='verify-passed' tone='open' text='核验通过' detail={`· ${whenWords(result.verifiedAt)}`} />
        <View id='verify-facts' className='verify__facts'>
          <View className='verify__fact'>
            <Text className='verify__label'>证照</Text>
            <Text className='verify__value'>{result.licence.typeLabel}</Text>
          </View>
          <View className='verify__fact'>
            <Text className='verify__label'>证照状态</Text>
            <StatusTag id='verify-licence-status' tone={status.tone} text={status.text} />
          </View>
          <View className='verify__fact'>
            <Text className='verify__label'>持证人</Text>
            {/* The masked name and ID number each kept whole: a line breaks between them, never inside one. */}
            <Text id='verify-holder' className='verify__value'>
              <Text className='palm-whole'>{result.holder.nameMasked}</Text>
              {result.holder.idNumberMasked ? (
                <>
                  {' '}
                  <Text className='palm-whole'>{result.holder.idNumberMasked}</Text>
                </>
              ) : null}
            </Text>
          </View>
          <View className='verify__fact'>
            <Text className='verify__label'>出示事由</Text>
            <Text className='verify__value'>{result.purpose.name}</Text>
          </View>
          {result.presentedOnBehalf ? (
            <Text id='verify-on-behalf' className='verify__on-behalf'>
              ！由持证人授权的亲友代为出示
            </Text>
          ) : null}
        </View>
        <View className='palm-section-title'>该事由可查看的信息</View>
        <View id='verify-fields' className='verify__facts'>
          {result.fields.map((field) => (
            <View key={field.key} className='verify__fact'>
              <Text className='verify__label'>{field.label}</Text>
              <Text className='verify__value'>{field.value}</Text>
            </View>
          ))}
        </View>
        <Text className='palm-secondary'>其他信息不在本次核验范围内。本次核验已记入持证人的使用记录。</Text>
      </View>
    </Card>
  );
}

function VerifyDesk() {
  const [token, setToken] = useState('');
  const [result, setResult] = useState<LicenceVerification | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const verify = async (text: string) => {
    const code = text.trim();
    setResult(null);
    if (!code) {
      setRefusal('请先扫码，或把亮证码粘贴到框里。');
      return;
    }
    setRefusal(null);
    setIsBusy(true);
    try {
      setResult(await verifyLicenceToken(code, { isQuiet: true }));
      setToken('');
    } catch (failure) {
      setRefusal(verifyRefusalWords(failure));
    }
    setIsBusy(false);
  };

  const scan = async () => {
    try {
      const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await verify(scanned.result);
    } catch {
      // Closing the camera is no error; nothing was scanned.
    }
  };

  return (
    <View className='verify__columns'>
      <Card title='扫码或粘贴亮证码' id='verify-input'>
        <View className='palm-stack'>
          <Text className='palm-secondary'>请居民在手机上打开证照，点“亮证”并选择办理的事项。每个码只能核验一次，30秒自动刷新。</Text>
          {canScan ? (
            <Button id='verify-scan' isBlock isLoading={isBusy} onClick={() => void scan()}>
              扫码核验
            </Button>
          ) : null}
          <TextField id='verify-token' label={canScan ? '或粘贴亮证码' : '亮证码（扫码枪扫入或粘贴）'} maxLength={4096} value={token} placeholder='eyJ…' onInput={setToken} />
          <Button id='verify-submit' variant={canScan ? 'secondary' : 'primary'} isBlock isLoading={isBusy} onClick={() => void verify(token)}>
            核验
          </Button>
        </View>
      </Card>
      <View className='verify__outcome'>
        {refusal ? (
          <View id='verify-refused' className='palm-stack'>
            <StatusTag tone='closed' text='核验不通过' />
            <ErrorState id='verify-refusal' message={refusal} />
          </View>
        ) : null}
        {result ? <Result result={result} /> : null}
      </View>
    </View>
  );
}

export default function LicenceVerifyPage() {
  return (
    <PageShell title='核验亮证' className='verify'>
      <StaffGate id='verify' allow={isClerkMe} signedOutWords='核验亮证供大厅窗口工作人员使用，请用工作账号登录。' noAccessWords='核验亮证由大厅窗口工作人员办理。居民本人可在“我的 → 我的证照”中亮证。'>
        {() => <VerifyDesk />}
      </StaffGate>
    </PageShell>
  );
}
