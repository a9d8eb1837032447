// A real <button> on every platform (native focus, screen-reader role), at least one touch target
// tall and wide: 44 pt normally, 60 pt in 长辈版 (--palm-target).
import { Button as TaroButton } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx, idProps } from '../class-names';
import './index.scss';

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
  onClick?: () => void;
}

export function Button({ children, variant = 'primary', id, isBlock, isDisabled, isLoading, className, onClick }: ButtonProps) {
  const isInactive = Boolean(isDisabled || isLoading);
  return (
    <TaroButton
      {...idProps(id)}
      className={cx('palm-button', `palm-button--${variant}`, isBlock && 'palm-button--block', isInactive && 'palm-button--inactive', className)}
      disabled={isInactive}
      aria-busy={isLoading ? 'true' : undefined}
      onClick={isInactive ? undefined : onClick}
    >
      {isLoading ? '请稍候…' : children}
    </TaroButton>
  );
}
