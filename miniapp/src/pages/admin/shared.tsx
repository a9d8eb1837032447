// Pieces every console page uses: the role gate (admins and hall managers), a field's problem in
// words under it, a labelled text area, a yes/no choice, a confirmation that says what a change
// will do before it is saved, and a result.
import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import type { Me } from '@palm/shared/server';
import { detailedMessageOf } from '../../api/errors';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { cx } from '../../components/class-names';
import { pressable } from '../../components/pressable';
import { PageShell } from '../../components/page-shell';
import { Chips } from '../../components/chips';
import { StaffGate } from '../../components/staff-gate';
import { mayUseConsole } from './model';
// The toggles below wear the choice list's look: loaded here, so a console page opened directly has it.
import '../../components/choice-list/index.scss';

/** Admins and hall managers; anyone else is told 无权限 with a way back, and nothing is loaded. */
export function AdminGate({ children, allows = mayUseConsole }: { children: (me: Me) => ReactNode; allows?: (me: Me) => boolean }) {
  return (
    <StaffGate id='admin' allow={allows} signedOutWords='管理后台供管理员和大厅负责人使用，请用工作账号登录。' noAccessWords='管理后台只供管理员和大厅负责人使用。您的办事记录请在“我的”中查看。'>
      {children}
    </StaffGate>
  );
}

/** A console page about one hall: `?id=`, or a hall manager's own hall. */
export function HallPage({ title, children }: { title: string; children: (id: string) => ReactNode }) {
  const params = useRouter().params;
  return (
    <PageShell title={title}>
      <AdminGate>{(me) => children(params.id || me.officeId || '')}</AdminGate>
    </PageShell>
  );
}

/** Retry for a page that read several things: reads each again. */
export const reloadAll =
  (...reads: ReadonlyArray<{ reload: () => void }>) =>
  (): void =>
    reads.forEach((read) => read.reload());

/** What is wrong with a field, under it, in words (with ！, never colour alone). */
export function Problem({ id, text }: { id: string; text: string | null | undefined }) {
  if (!text) return null;
  return (
    <View id={id} className='admin-problem' role='alert'>
      {`！${text}`}
    </View>
  );
}

export interface TextAreaProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  /** Characters at most; none by default. */
  maxLength?: number;
}

/** A labelled text area: the label is shown and is the box's name (on H5 the inner <textarea>'s too). */
export function TextArea({ id, label, value, onInput, placeholder, maxLength = -1 }: TextAreaProps) {
  return (
    <View className='admin-field'>
      <Text id={`${id}-label`} aria-hidden='true' className='admin-row__title'>
        {label}
      </Text>
      <Textarea
        id={id}
        className='palm-textarea admin-textarea'
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass='palm-secondary'
        aria-label={label}
        nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': label } : undefined}
        onInput={(event) => onInput(event.detail.value)}
      />
    </View>
  );
}

/** A yes/no setting as two chips, the chosen one with ✓ in words. */
export function YesNo({ idPrefix, label, value, yes = '可以', no = '不可以', onChange }: { idPrefix: string; label: string; value: boolean; yes?: string; no?: string; onChange: (value: boolean) => void }) {
  return <Chips idPrefix={idPrefix} label={label} chips={[{ key: 'yes', text: yes }, { key: 'no', text: no }]} chosen={value ? 'yes' : 'no'} onChoose={(key) => onChange(key === 'yes')} />;
}

export interface ConfirmProps {
  idPrefix: string;
  title: string;
  /** What the change will do, said before it is done. */
  words: string;
  /** What will change, listed before the words (a guide's changed fields). */
  details?: ReactNode;
  confirmText: string;
  isBusy: boolean;
  isDanger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A confirmation in the page: what will happen, then 确认 or 再想想. */
export function Confirm({ idPrefix, title, words, details, confirmText, isBusy, isDanger, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Card id={`${idPrefix}-confirm`} title={title} isNotice>
      <View className='palm-stack'>
        {details}
        <Text id={`${idPrefix}-consequence`}>{words}</Text>
        <Button id={`${idPrefix}-confirm-yes`} variant={isDanger ? 'danger' : 'primary'} isBlock isLoading={isBusy} onClick={onConfirm}>
          {confirmText}
        </Button>
        <Button id={`${idPrefix}-confirm-no`} variant='secondary' isBlock isDisabled={isBusy} onClick={onCancel}>
          再想想
        </Button>
      </View>
    </Card>
  );
}

/** A saved change, in words. */
export function Done({ id, text }: { id: string; text: string | null }) {
  if (!text) return null;
  return (
    <View id={id} className='admin-done' role='status'>
      {`✓ ${text}`}
    </View>
  );
}

export interface Action {
  isBusy: boolean;
  /** The BFF's refusal in its words (detailedMessageOf). */
  error: string | null;
  /** What the last change did, in words. */
  done: string | null;
  /** Runs a change once: its result in words on success, the refusal in words on failure. */
  run<T>(work: () => Promise<T>, said: (result: T) => string, onFail?: (failure: unknown) => void): void;
  /** Forgets the last result (the form was edited again). */
  clear(): void;
}

/** One change at a time, with its busy state, its refusal and its result in words. */
export function useAction(): Action {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    isBusy,
    error,
    done,
    run(work, said, onFail) {
      setIsBusy(true);
      setError(null);
      setDone(null);
      work()
        .then((result) => setDone(said(result)))
        .catch((failure: unknown) => {
          setError(detailedMessageOf(failure));
          onFail?.(failure);
        })
        .finally(() => setIsBusy(false));
    },
    clear() {
      setError(null);
      setDone(null);
    },
  };
}

export interface ToggleProps {
  id: string;
  isOn: boolean;
  title: string;
  detail?: ReactNode;
  /** What ✓ says when on (已选, 办理). */
  onWords: string;
  onToggle: () => void;
}

/** One of several things chosen at once (role=checkbox): ✓ in words when on, never colour alone. */
export function Toggle({ id, isOn, title, detail, onWords, onToggle }: ToggleProps) {
  return (
    <View id={id} className={cx('palm-choice', isOn && 'palm-choice--chosen')} {...pressable(onToggle, 'checkbox')} aria-checked={isOn ? 'true' : 'false'}>
      <View className='palm-choice__text'>
        <Text>{title}</Text>
        {detail ? <View className='palm-secondary'>{detail}</View> : null}
      </View>
      {isOn ? <Text className='palm-choice__mark'>{`✓ ${onWords}`}</Text> : null}
    </View>
  );
}
