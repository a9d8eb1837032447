// Every page's root. Taro pages are separate React roots, so each page subscribes to the 长辈版
// store itself; this shell puts `palm-page` (+ `elder`) and the text scale on the root view, which
// is all the design tokens need (theme/tokens.scss). In mini-programs PageMeta pageFontSize="system"
// lets the page follow the platform's text size (WeChat 关怀模式).
import { PageMeta, View } from '@tarojs/components';
import type { CSSProperties, ReactNode } from 'react';
import { effectiveFontScale, useElderState } from '../../theme/elder-store';
import { cx } from '../class-names';

export interface PageShellProps {
  children: ReactNode;
  className?: string;
}

export function PageShell({ children, className }: PageShellProps) {
  const elder = useElderState();
  const style = { '--palm-font-scale': String(effectiveFontScale(elder)) } as CSSProperties;
  return (
    <>
      {process.env.TARO_ENV === 'h5' ? null : <PageMeta pageFontSize='system' />}
      <View className={cx('palm-page', elder.elderMode && 'elder', className)} style={style}>
        {children}
      </View>
    </>
  );
}
