// Keyboard: on H5 a View that acts as a control (the acting banner's 回到本人 and 知道了, the invite
// form's scope rows, choice rows) and Taro's button are pressed with Enter or Space, not only with a
// tap (WCAG 2.1.1) — each with its role and a place in the Tab order. Mini-programs have no keyboard:
// no key handler there.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { getActingFor, startActing, stopActing, type ActingFor } from '../../src/api/acting-store';
import { ActingBanner } from '../../src/components/acting-banner';
import { Button } from '../../src/components/button';
import { ChoiceList } from '../../src/components/choice-list';
import { isPressKey, pressable } from '../../src/components/pressable';
import { InviteForm } from '../../src/pages/grants/invite-form';
import { updateElderState } from '../../src/theme/elder-store';
import { MODES, resetAll, signIn } from '../helpers';

const mother: ActingFor = { userId: 'm-1', grantId: 'g', name: '张**', relation: '子女', scopes: ['APPOINTMENT', 'QUEUE'], services: [], validUntil: '2099-01-01T00:00:00.000Z', ownerId: null };

beforeEach(() => {
  resetAll();
  process.env.TARO_ENV = 'h5';
});
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

describe('pressable()', () => {
  const key = (k: string, extra: { repeat?: boolean; target?: unknown; currentTarget?: unknown } = {}) => ({ key: k, preventDefault: jest.fn(), ...extra });

  it('presses on Enter and Space, once per press, only on the element itself, and stops the page scrolling', () => {
    const onPress = jest.fn();
    const props = pressable(onPress, 'checkbox');
    expect(props).toMatchObject({ role: 'checkbox', tabIndex: 0, onClick: onPress });
    const enter = key('Enter');
    props.onKeyDown!(enter);
    props.onKeyDown!(key(' '));
    expect(onPress).toHaveBeenCalledTimes(2);
    expect(enter.preventDefault).toHaveBeenCalled();
    props.onKeyDown!(key('Tab'));
    props.onKeyDown!(key('a'));
    props.onKeyDown!(key('Enter', { repeat: true }));
    const self = {};
    props.onKeyDown!(key('Enter', { target: {}, currentTarget: self }));
    expect(onPress).toHaveBeenCalledTimes(2);
    expect(isPressKey(key(' ', { target: self, currentTarget: self }))).toBe(true);
  });

  it('gives a mini-program no key handler (no keyboard there)', () => {
    process.env.TARO_ENV = 'weapp';
    const props = pressable(() => undefined);
    expect(props.onKeyDown).toBeUndefined();
    expect(props).toMatchObject({ role: 'button', tabIndex: 0 });
  });
});

describe.each(MODES)('keyboard on H5 ($name)', ({ isElder }) => {
  beforeEach(() => updateElderState({ elderMode: isElder }));

  it('the acting banner: 回到本人 with Enter, then 知道了 with Space', () => {
    signIn();
    startActing(mother);
    render(<ActingBanner />);
    const back = screen.getByRole('button', { name: '回到本人，不再代 张** 办理' });
    expect(back).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(back, { key: 'Enter' });
    expect(getActingFor()).toBeNull();

    act(() => stopActing('张** 的代办授权已结束，已回到本人'));
    const ok = screen.getByRole('button', { name: '知道了' });
    expect(ok).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(ok, { key: ' ' });
    expect(document.getElementById('acting-ended')).toBeNull();
  });

  it('the invite form’s scope rows: checkboxes in the Tab order, Space and Enter toggle them', () => {
    signIn();
    render(<InviteForm onSent={() => undefined} />);
    const queue = screen.getByRole('checkbox', { name: /排队取号/ });
    expect(queue).toHaveAttribute('tabindex', '0');
    expect(queue).toHaveAttribute('aria-checked', 'true');
    fireEvent.keyDown(queue, { key: ' ' });
    expect(screen.getByRole('checkbox', { name: /排队取号/ })).toHaveAttribute('aria-checked', 'false');
    fireEvent.keyDown(screen.getByRole('checkbox', { name: /排队取号/ }), { key: 'Enter' });
    expect(screen.getByRole('checkbox', { name: /排队取号/ })).toHaveAttribute('aria-checked', 'true');
    // Other keys do nothing.
    fireEvent.keyDown(screen.getByRole('checkbox', { name: /排队取号/ }), { key: 'ArrowDown' });
    expect(screen.getByRole('checkbox', { name: /排队取号/ })).toHaveAttribute('aria-checked', 'true');
  });

  it('a choice row and a button are pressed with Enter; a disabled button is not', () => {
    const onChoose = jest.fn();
    const onClick = jest.fn();
    render(
      <>
        <ChoiceList idPrefix='t' label='选择' chosenId={undefined} onChoose={onChoose} choices={[{ id: 'a', title: '甲' }]} />
        <Button onClick={onClick}>确定</Button>
        <Button isDisabled onClick={onClick}>
          不可用
        </Button>
      </>,
    );
    fireEvent.keyDown(screen.getByRole('radio', { name: /甲/ }), { key: 'Enter' });
    expect(onChoose).toHaveBeenCalledWith('a');
    fireEvent.keyDown(screen.getByRole('button', { name: '确定' }), { key: 'Enter' });
    fireEvent.keyDown(screen.getByRole('button', { name: '不可用' }), { key: 'Enter' });
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
