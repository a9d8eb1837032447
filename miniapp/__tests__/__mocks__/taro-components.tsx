// Stand-ins for @tarojs/components in jsdom: the HTML element each one becomes on H5, with Taro's
// event shapes (onInput/onConfirm get { detail: { value } }) so components run unchanged.
import { createElement, forwardRef, Fragment, type ForwardedRef, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode };

/** Props React DOM understands: ids, classes, inline style, roles, tab index, aria-*, data-*, clicks, key presses, disabled. */
function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (['id', 'className', 'style', 'role', 'tabIndex', 'onClick', 'onKeyDown', 'disabled', 'children'].includes(key) || /^(aria|data)-/.test(key)) out[key] = value;
  }
  return out;
}

const element = (tag: string) =>
  function TaroStandIn(props: Props) {
    return createElement(tag, domProps(props));
  };

export const View = element('div');
export const Text = element('span');
export const ScrollView = element('div');
export const Map = element('div');

export function Button(props: Props) {
  return createElement('button', { type: 'button', ...domProps(props) });
}

export function Image(props: Props) {
  return createElement('img', { ...domProps(props), src: props.src, alt: props.ariaLabel ?? '' });
}

// Forwards its ref like Taro's H5 input (components/rendered-input.ts waits on it).
export const Input = forwardRef(function Input(props: Props, ref: ForwardedRef<HTMLInputElement>) {
  const onInput = props.onInput as ((event: { detail: { value: string } }) => void) | undefined;
  const onConfirm = props.onConfirm as ((event: { detail: { value: string } }) => void) | undefined;
  return createElement('input', {
    ...domProps(props),
    ref,
    type: props.password ? 'password' : 'text',
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength,
    onChange: (event: { target: { value: string } }) => onInput?.({ detail: { value: event.target.value } }),
    onKeyDown: (event: { key: string; currentTarget: { value: string } }) => {
      if (event.key === 'Enter') onConfirm?.({ detail: { value: event.currentTarget.value } });
    },
  });
});

/** Taro's Textarea: a <textarea> with the same event shape as Input. */
export function Textarea(props: Props) {
  const onInput = props.onInput as ((event: { detail: { value: string } }) => void) | undefined;
  return createElement('textarea', {
    ...domProps(props),
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength,
    onChange: (event: { target: { value: string } }) => onInput?.({ detail: { value: event.target.value } }),
  });
}

export function PageMeta(props: Props) {
  return createElement(Fragment, null, props.children);
}
