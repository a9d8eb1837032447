// The one-time 长辈版 offer for people aged 60+ (GET /api/me offerElderMode, DESIGN.md §4): an
// inline banner, never a modal, with both answers equally easy; either answer is recorded.
import { Text, View } from '@tarojs/components';
import { useSession } from '../../api/session';
import { ElderSwitch } from '../elder-switch';
import { useElderMode } from '../../theme/elder-store';
import { dismissElderOffer, setElderMode } from '../../theme/elder-mode';
import { Button } from '../button';
import { Card } from '../card';

/** Whether the offer is up: asked once, and never while 长辈版 is already on. */
export function useElderOfferShown(): boolean {
  const { me } = useSession();
  const isElder = useElderMode();
  return Boolean(me?.offerElderMode) && !isElder;
}

/** idPrefix keeps ids unique: H5 keeps earlier pages in the document. */
export function ElderOffer({ idPrefix }: { idPrefix: string }) {
  if (!useElderOfferShown()) return null;
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

/**
 * One control for 长辈版 where a page has both: while the offer is up it stands in for the switch
 * (two controls for one setting read as two settings); once answered, the switch takes its place.
 */
export function ElderChoice({ idPrefix, switchId }: { idPrefix: string; switchId: string }) {
  return useElderOfferShown() ? <ElderOffer idPrefix={idPrefix} /> : <ElderSwitch id={switchId} />;
}
