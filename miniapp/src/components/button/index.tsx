// A button on every platform, at least one touch target tall and wide: 44 pt normally, 60 pt in
// 长辈版 (--palm-target). Mini-programs render a native button; Taro's H5 <taro-button-core> is a
// custom element with neither a role nor keyboard focus nor keys, so all three are given here (an
// enabled button is reachable with Tab and pressed with Enter or Space, and axe's "scrollable
// region must have keyboard access" holds).
import { Button as TaroButton } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx, idProps } from '../class-names';
import './index.scss';
import { onPressKey } from '../pressable';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'text';

export interface ButtonProps {
  children: ReactNode;
  variant?: ButtonVariant;
  id?: string;
  isBlock?: boolean;
  isDisabled?: boolean;
  /** Shows 请稍候… and ignores taps, so a slow request is not sent twice. */
  isLoading?: boolean;
  className?: string;
  /** For a button that shows and hides a panel: whether it is shown now (aria-expanded). */
  isExpanded?: boolean;
  onClick?: () => void;
}

// Taro's ButtonProps has no `role` (a native button needs none); the H5 custom element does.
const h5ButtonSemantics = { role: 'button' } as Record<string, string>;

export function Button({ children, variant = 'primary', id, isBlock, isDisabled, isLoading, className, isExpanded, onClick }: ButtonProps) {
  const isInactive = Boolean(isDisabled || isLoading);
  return (
    <TaroButton
      {...idProps(id)}
      className={cx('palm-button', `palm-button--${variant}`, isBlock && 'palm-button--block', isInactive && 'palm-button--inactive', className)}
      disabled={isInactive}
      {...h5ButtonSemantics}
      tabIndex={isInactive ? -1 : 0}
      aria-disabled={isInactive ? 'true' : undefined}
      aria-busy={isLoading ? 'true' : undefined}
      aria-expanded={isExpanded === undefined ? undefined : String(isExpanded)}
      onClick={isInactive ? undefined : onClick}
      onKeyDown={isInactive ? undefined : onPressKey(onClick)}
    >
      {isLoading ? '请稍候…' : children}
    </TaroButton>
  );
}
