// The one-time 长辈版 offer for people aged 60+ (GET /api/me offerElderMode, DESIGN.md §4): an
// inline banner, never a modal, with both answers equally easy; either answer is recorded.
import { Text, View } from '@tarojs/components';
import { useSession } from '../../api/session';
import { useElderMode } from '../../theme/elder-store';
import { dismissElderOffer, setElderMode } from '../../theme/elder-mode';
import { Button } from '../button';
import { Card } from '../card';

/** idPrefix keeps ids unique: H5 keeps earlier pages in the document. */
export function ElderOffer({ idPrefix }: { idPrefix: string }) {
  const { me } = useSession();
  const isElder = useElderMode();
  if (!me?.offerElderMode || isElder) return null;
  return (
    <Card id={`${idPrefix}-elder-offer`} title='试试长辈版？' isNotice>
      <Text>字更大、按钮更大、页面更简单。随时可在“我的”里关闭。</Text>
      <View className='palm-stack palm-stack--spaced'>
        <Button id={`${idPrefix}-elder-offer-accept`} isBlock onClick={() => void setElderMode(true)}>
          开启长辈版
        </Button>
        <Button id={`${idPrefix}-elder-offer-dismiss`} variant='secondary' isBlock onClick={() => void dismissElderOffer()}>
          暂不需要
        </Button>
      </View>
    </Card>
  );
}
