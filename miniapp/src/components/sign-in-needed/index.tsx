// In place of a page that needs a signed-in person: says so and offers 登录 (no automatic jump:
// the person decides). After signing in the sign-in page goes back here and the page loads.
import { Text, View } from '@tarojs/components';
import { openPage, PAGES } from '../../lib/routes';
import { Button } from '../button';
import { Card } from '../card';

export interface SignInNeededProps {
  /** What signing in is for, e.g. 取号前请先登录. */
  title: string;
  id?: string;
}

export function SignInNeeded({ title, id = 'sign-in-needed' }: SignInNeededProps) {
  return (
    <Card id={id} title={title}>
      <View className='palm-stack'>
        <Text className='palm-secondary'>登录后可以取号、查看排队进度，在微信、支付宝和网页上通用。</Text>
        <Button id={`${id}-login`} isBlock onClick={() => openPage(PAGES.login)}>
          登录
        </Button>
      </View>
    </Card>
  );
}
