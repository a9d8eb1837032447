// 实名认证: name and resident ID number. The number is checked here first with the same GB 11643
// rules the BFF applies (@palm/shared), so a typo is named precisely before anything is sent; the
// BFF checks again, has the identity platform confirm that name and number belong together, stores
// the number encrypted and only ever returns it masked. A number bound to another account moves to
// this one once confirmed (the other account is told): the page says so before anyone submits.
import { View } from '@tarojs/components';
import { useState } from 'react';
import { isValidPersonName, residentIdProblem, type ResidentIdProblem } from '@palm/shared';
import { ApiError, messageOf, REAL_NAME_ERROR_COPY } from '../../api/errors';
import { bindRealName } from '../../api/me';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { TextField } from '../../components/text-field';
import { goBack, PAGES } from '../../lib/routes';

const ID_PROBLEM_COPY: Record<ResidentIdProblem, string> = {
  FORMAT: '身份证号应为18位：17位数字加最后一位数字或X',
  REGION: '身份证号前两位不是有效的省份代码，请核对',
  BIRTH_DATE: '身份证号中的出生日期不正确，请核对第7到14位',
  CHECKSUM: '身份证号最后一位校验码不对，可能有数字输错了，请逐位核对',
};

/** What a refusal from the BFF means on this page. */
export function realNameFailureCopy(failure: unknown): string {
  return (failure instanceof ApiError && REAL_NAME_ERROR_COPY[failure.code]) || messageOf(failure);
}

/** The first problem with the form, in words; null when it may be sent. */
export function realNameFormProblem(name: string, idNumber: string): string | null {
  if (!isValidPersonName(name.trim())) return '请填写身份证上的姓名（2个字以上）';
  const problem = residentIdProblem(idNumber);
  return problem ? ID_PROBLEM_COPY[problem] : null;
}

export default function RealNamePage() {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    const problem = realNameFormProblem(name, idNumber);
    setError(problem);
    if (problem) return;
    setIsBusy(true);
    try {
      await bindRealName(name.trim(), idNumber.trim().toUpperCase(), { isQuiet: true });
      goBack(PAGES.me);
    } catch (failure) {
      setError(realNameFailureCopy(failure));
    }
    setIsBusy(false);
  };

  return (
    <PageShell>
      {/* Views, not inline Texts: the title and each paragraph start a line of their own. */}
      <View className='palm-font-title'>实名认证</View>
      <View className='palm-secondary'>实名后可预约、取号和代办。提交后会核验姓名与身份证号是否一致；身份证号加密保存，页面上只显示部分数字。</View>
      <View className='palm-spacer' />
      <View id='real-name-move-note' className='palm-secondary'>
        如果这个身份证号已绑定在其他账号上（例如您以前用过的账号），核验通过后将改绑到当前账号，原账号的实名认证随之解除，并会收到通知。
      </View>
      <View className='palm-spacer' />
      {error ? <ErrorState id='real-name-error' message={error} /> : null}
      <Card>
        <TextField id='real-name-name' label='姓名' value={name} maxLength={40} placeholder='与身份证一致' onInput={setName} />
        <TextField id='real-name-id' label='身份证号' type='idcard' maxLength={18} value={idNumber} placeholder='18位身份证号' onInput={setIdNumber} />
        <Button id='real-name-submit' isBlock isLoading={isBusy} onClick={() => void submit()}>
          提交认证
        </Button>
      </Card>
    </PageShell>
  );
}
