// 邀请亲友 (I am the grantor: they may act for me) or 请亲友授权 (I ask to act for them), by the
// other person's phone: relation, what it covers as whole-row toggles in plain words, how long
// (a year unless chosen shorter, its last day stated). Errors in the page, from the code table;
// once sent, the days the other side has to answer and the last day the BFF actually gave.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FAMILY_GRANT_DAYS, PENDING_GRANT_DAYS, type GrantRelation, type GrantScopeKey } from '@palm/shared';
import { messageOf } from '../../api/errors';
import { askGrantor, inviteGrantee, type Grant } from '../../api/grants';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ChoiceList } from '../../components/choice-list';
import { cx } from '../../components/class-names';
import { ErrorState } from '../../components/error-state';
import { TextField } from '../../components/text-field';
import { dateWords, lastDayAfter, lastDayOf, LENGTH_CHOICES, RELATION_CHOICES, SCOPE_CHOICES } from '../../features/grants/words';
import { pressable } from '../../components/pressable';

export type InviteKind = 'invite' | 'ask';

export interface InviteFormProps {
  onSent: (grant: Grant) => void;
}

const PHONE = /^1\d{10}$/;

export function InviteForm({ onSent }: InviteFormProps) {
  const [kind, setKind] = useState<InviteKind>('invite');
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState<GrantRelation>();
  const [scopes, setScopes] = useState<GrantScopeKey[]>(['APPOINTMENT', 'QUEUE']);
  const [lengthId, setLengthId] = useState('year');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const length = LENGTH_CHOICES.find((l) => l.id === lengthId) ?? LENGTH_CHOICES[0]!;
  const toggle = (scope: GrantScopeKey) => setScopes((now) => (now.includes(scope) ? now.filter((s) => s !== scope) : [...now, scope]));

  const send = async () => {
    setError(null);
    setSent(null);
    if (!PHONE.test(phone)) return setError('请填写对方的11位手机号');
    if (!relation) return setError(kind === 'invite' ? '请选择对方是您的什么人' : '请选择您是对方的什么人');
    if (scopes.length === 0) return setError('请至少选择一项可以代办的事');
    const terms = {
      relation,
      scopes,
      // A year is the BFF's own default; a shorter time names its last day.
      ...(length.days === FAMILY_GRANT_DAYS ? {} : { validUntil: lastDayAfter(length.days) }),
    };
    setIsSending(true);
    try {
      const grant = kind === 'invite' ? await inviteGrantee(phone, terms, { isQuiet: true }) : await askGrantor(phone, terms, { isQuiet: true });
      // The last day the BFF gave (a grid worker's grant is at most 90 days, whatever was chosen).
      const until = dateWords(lastDayOf(grant.validUntil));
      setSent(
        kind === 'invite'
          ? `已邀请 ${grant.other.name}，请对方在${PENDING_GRANT_DAYS}天内接受；接受后可代您办理到${until}。`
          : `已向 ${grant.other.name} 提出申请，请对方在${PENDING_GRANT_DAYS}天内同意；同意后您可代其办理到${until}。`,
      );
      setPhone('');
      onSent(grant);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setIsSending(false);
    }
  };

  return (
    <Card id='grant-form' title='邀请或申请亲友代办'>
      <View className='palm-stack'>
        <ChoiceList
          idPrefix='grant-kind'
          label='邀请还是申请'
          chosenId={kind}
          onChoose={(id) => setKind(id as InviteKind)}
          choices={[
            { id: 'invite', title: '邀请亲友代我办', detail: '对方可以替您预约、取号' },
            { id: 'ask', title: '请亲友授权我代办', detail: '您替对方预约、取号，需对方同意' },
          ]}
        />
        <TextField id='grant-phone' label={kind === 'invite' ? '亲友的手机号' : '对方的手机号'} type='tel' maxLength={11} value={phone} onInput={setPhone} placeholder='对方需已用该手机号登录过掌上办' />
        <Text className='grants__label'>{kind === 'invite' ? '对方是您的' : '您是对方的'}</Text>
        <ChoiceList idPrefix='grant-relation' label={kind === 'invite' ? '对方是您的' : '您是对方的'} chosenId={relation} onChoose={(id) => setRelation(id as GrantRelation)} choices={RELATION_CHOICES.map((r) => ({ id: r, title: r }))} />
        <Text className='grants__label'>可以代办的事（点一行选择或取消）</Text>
        <View role='group' aria-label='可以代办的事'>
          {SCOPE_CHOICES.map((choice, index) => {
            const isOn = scopes.includes(choice.scope);
            return (
              <View
                key={choice.scope}
                id={`grant-scope-${index}`}
                className={cx('palm-choice', isOn && 'palm-choice--chosen')}
                {...pressable(() => toggle(choice.scope), 'checkbox')}
                aria-checked={isOn ? 'true' : 'false'}
              >
                <View className='palm-choice__text'>
                  <Text>{choice.title}</Text>
                  <View className='palm-secondary'>{choice.detail}</View>
                </View>
                <Text className='palm-choice__mark'>{isOn ? '✓ 已选' : '○ 未选'}</Text>
              </View>
            );
          })}
        </View>
        <Text className='grants__label'>有效期</Text>
        <ChoiceList idPrefix='grant-length' label='有效期' chosenId={lengthId} onChoose={setLengthId} choices={LENGTH_CHOICES.map((l) => ({ id: l.id, title: l.title }))} />
        <Text id='grant-length-words' className='palm-secondary'>{`到${dateWords(lastDayAfter(length.days))}为止，期间随时可以撤销。`}</Text>
        {error ? <ErrorState id='grant-form-error' message={error} /> : null}
        {sent ? (
          <View id='grant-form-sent' className='grants__sent' role='status'>
            {`✓ ${sent}`}
          </View>
        ) : null}
        <Button id='grant-send' isBlock isLoading={isSending} onClick={() => void send()}>
          {kind === 'invite' ? '发送邀请' : '发送申请'}
        </Button>
      </View>
    </Card>
  );
}
