// 用户协议 / 隐私政策 consent before any sign-in (PIPL; both platforms' review asks for it): an
// unticked box the person ticks themselves, and the two texts readable on this page (no pop-up, so
// 长辈版 stays calm). Sign-in buttons check `agreed` and explain with CONSENT_NEEDED when it is not.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import './consent.scss';
import { pressable } from '../../components/pressable';

export const CONSENT_NEEDED = '请先阅读并勾选同意《用户协议》和《隐私政策》。';

const TEXTS = {
  terms: {
    title: '用户协议',
    body: '掌上办由青石县政务服务中心提供，用于查询办事指南、预约和取号。请使用本人手机号登录，不得冒用他人身份办理业务。预约后不能到场，请提前取消。',
  },
  privacy: {
    title: '隐私政策',
    body: '我们只收集办事所需的信息：手机号用于登录和通知，实名信息用于核验身份，位置只用于查找附近大厅且不保存。信息不向无关方提供；您可以在“我的”中退出登录，或到大厅申请删除。',
  },
} as const;

export interface ConsentProps {
  agreed: boolean;
  onChange: (agreed: boolean) => void;
}

export function Consent({ agreed, onChange }: ConsentProps) {
  const [open, setOpen] = useState<keyof typeof TEXTS | null>(null);
  const link = (key: keyof typeof TEXTS) => (
    <Text id={`consent-${key}`} className='consent__link' onClick={(event) => {
      event?.stopPropagation?.();
      setOpen(open === key ? null : key);
    }}>
      《{TEXTS[key].title}》
    </Text>
  );
  return (
    <View className='consent'>
      <View className='consent__row'>
        <View id='consent-box' className={`consent__box${agreed ? ' consent__box--on' : ''}`} {...pressable(() => onChange(!agreed), 'checkbox')} aria-checked={agreed} aria-label='同意用户协议和隐私政策'>
          {agreed ? '✓' : ''}
        </View>
        <Text className='consent__label' onClick={() => onChange(!agreed)}>
          我已阅读并同意
        </Text>
        {link('terms')}
        <Text>和</Text>
        {link('privacy')}
      </View>
      {open ? (
        <View id='consent-text' className='consent__text'>
          <Text className='consent__title'>{TEXTS[open].title}</Text>
          <Text>{TEXTS[open].body}</Text>
        </View>
      ) : null}
    </View>
  );
}
