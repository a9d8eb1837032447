// Every page's root. Taro pages are separate React roots, so each page subscribes to the 长辈版
// store itself; this shell puts `palm-page` (+ `elder`) and the text scale on the root view, which
// is all the design tokens need (theme/tokens.scss). The text scale includes WeChat's own text size
// (fontSizeScaleFactor, 关怀模式), read at launch (theme/elder-mode.ts), so every token follows it.
// On H5 every page below the tabs starts with the way back (components/page-header). While the app
// acts for someone, every page shows it (components/acting-banner) above its title.
import { View } from '@tarojs/components';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { effectiveFontScale, useElderState } from '../../theme/elder-store';
import { ActingBanner } from '../acting-banner';
import { cx } from '../class-names';
import { PageHeader, pageHeaderAction } from '../page-header';

export interface PageShellProps {
  children: ReactNode;
  className?: string;
  /**
   * The page's heading, shown large (30 pt in 长辈版). H5 has no navigation bar, so without it a
   * page would have no visible name; screen readers get a level-1 heading.
   */
  title?: string;
  /**
   * No 返回 / 首页 header on H5: only for a screen nobody navigates from, such as the hall's wall
   * board in kiosk mode, where the header would take room from the calls.
   */
  isHeaderHidden?: boolean;
}

export function PageShell({ children, className, title, isHeaderHidden }: PageShellProps) {
  const elder = useElderState();
  const [headerAction] = useState(pageHeaderAction);
  const style = { '--palm-font-scale': String(effectiveFontScale(elder)) } as CSSProperties;
  return (
    <View className={cx('palm-page', elder.elderMode && 'elder', className)} style={style}>
      {headerAction && !isHeaderHidden ? <PageHeader action={headerAction} /> : null}
      {isHeaderHidden ? null : <ActingBanner />}
      {title ? (
        <View className='palm-page__title palm-font-title' role='heading' aria-level={1}>
          {title}
        </View>
      ) : null}
      {children}
    </View>
  );
}
