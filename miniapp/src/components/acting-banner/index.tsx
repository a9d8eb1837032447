// The acting-for banner (DESIGN.md §4 Grants): on every page while the app acts for someone —
// "代 张** 办理", what the grant covers, and one tap 回到本人. A person icon in a box and the
// words carry it, never the colour alone; role=status so a screen reader hears the change. When
// the app has just dropped back to oneself (the grant ended), the same place says so, in words,
// until 知道了. Both are Views (Taro's H5 button drops aria-label): pressable() gives them Enter and Space.
import { Text, View } from '@tarojs/components';
import { coverageWords } from '../../api/acting';
import { dismissEndedReason, stopActing, useActing } from '../../api/acting-store';
import './index.scss';
import { pressable } from '../pressable';

export function ActingBanner() {
  const { actingFor, endedReason } = useActing();
  if (actingFor) {
    return (
      <View id='acting-banner' className='palm-acting-banner' role='status' aria-live='polite'>
        <View className='palm-acting-banner__main'>
          <Text className='palm-acting-banner__icon' aria-hidden='true'>
            ⇄
          </Text>
          <View className='palm-acting-banner__words'>
            <Text id='acting-banner-who' className='palm-acting-banner__who'>{`代 ${actingFor.name} 办理`}</Text>
            <Text id='acting-banner-scope' className='palm-acting-banner__scope'>{`可办：${coverageWords(actingFor)}`}</Text>
          </View>
        </View>
        <View id='acting-banner-stop' className='palm-acting-banner__stop' {...pressable(() => stopActing())} aria-label={`回到本人，不再代 ${actingFor.name} 办理`}>
          回到本人
        </View>
      </View>
    );
  }
  if (endedReason) {
    return (
      <View id='acting-ended' className='palm-acting-banner palm-acting-banner--ended' role='status' aria-live='polite'>
        <View className='palm-acting-banner__main'>
          <Text className='palm-acting-banner__icon' aria-hidden='true'>
            ！
          </Text>
          <Text id='acting-ended-text' className='palm-acting-banner__scope'>
            {endedReason}
          </Text>
        </View>
        <View id='acting-ended-dismiss' className='palm-acting-banner__stop' {...pressable(dismissEndedReason)}>
          知道了
        </View>
      </View>
    );
  }
  return null;
}
