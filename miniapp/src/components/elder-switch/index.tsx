// The 长辈版 switch: one tap, every page changes at once (theme/elder-store.ts). The state is in
// words (已开启 / 已关闭) and in the knob's position, not only in colour; role=switch + aria-checked
// for screen readers on H5.
import { Text, View } from '@tarojs/components';
import { useElderMode } from '../../theme/elder-store';
import { toggleElderMode } from '../../theme/elder-mode';
import { cx } from '../class-names';
import './index.scss';
import { pressable } from '../pressable';

export interface ElderSwitchProps {
  id?: string;
  /** Under the title, e.g. 字更大、按钮更大. */
  description?: string;
}

export function ElderSwitch({ id = 'elder-switch', description = '字更大、按钮更大、操作更简单' }: ElderSwitchProps) {
  const isOn = useElderMode();
  return (
    <View
      id={id}
      className={cx('palm-elder-switch', isOn && 'palm-elder-switch--on')}
      {...pressable(() => void toggleElderMode(), 'switch')}
      aria-checked={isOn ? 'true' : 'false'}
      aria-label='长辈版'
    >
      <View className='palm-elder-switch__main'>
        <View>
          <Text className='palm-elder-switch__title'>长辈版</Text>
          <Text className='palm-elder-switch__state'>{isOn ? '已开启' : '已关闭'}</Text>
        </View>
        <Text className='palm-elder-switch__description'>{description}</Text>
      </View>
      <View className='palm-elder-switch__track' aria-hidden='true'>
        <View className='palm-elder-switch__knob' />
      </View>
    </View>
  );
}
