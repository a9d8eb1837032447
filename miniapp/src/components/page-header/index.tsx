// The way back on H5, where Taro hides the navigation bar and only tab pages have the tab bar: 返回
// to the page the person came from, or 首页 when the page was opened first (a shared link, a
// bookmark), so no page is a dead end. The mini-programs draw their own navigation bar with a
// back or home button, so there the shell renders none (pageHeaderAction).
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { openPage, PAGES } from '../../lib/routes';
import { TAB_BAR } from '../../lib/pages';
import './index.scss';
import { pressable } from '../pressable';

export type PageHeaderAction = 'back' | 'home';

const TAB_ROUTES: readonly string[] = TAB_BAR.map((tab) => tab.page.slice(1));

/**
 * What the header offers on the page now on top of the stack, or null for no header: none on the
 * mini-programs and none on tab pages (the tab bar is their way around). Read when the page
 * mounts: later the top of the stack is whichever page was opened over this one.
 */
export function pageHeaderAction(): PageHeaderAction | null {
  if (process.env.TARO_ENV !== 'h5') return null;
  const pages = Taro.getCurrentPages();
  const route = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '');
  if (route === '' || TAB_ROUTES.includes(route)) return null;
  return pages.length > 1 ? 'back' : 'home';
}

const WORDS: Record<PageHeaderAction, { label: string; name: string; icon: string }> = {
  back: { label: '返回', name: '返回上一页', icon: '‹' },
  home: { label: '首页', name: '回到首页', icon: '⌂' },
};

export interface PageHeaderProps {
  action: PageHeaderAction;
}

export function PageHeader({ action }: PageHeaderProps) {
  const words = WORDS[action];
  const onClick = () => {
    if (action === 'back') void Taro.navigateBack();
    else openPage(PAGES.index);
  };
  return (
    <View className='palm-page-header' role='navigation' aria-label='页面导航'>
      {/* A View, as the 长辈版 switch: Taro's H5 button drops aria-label. */}
      <View id='page-header-action' className='palm-page-header__action' {...pressable(onClick)} aria-label={words.name}>
        <Text className='palm-page-header__icon' aria-hidden='true'>
          {words.icon}
        </Text>
        <Text className='palm-page-header__label'>{words.label}</Text>
      </View>
    </View>
  );
}
