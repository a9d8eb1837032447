// 见证授权 (issue 14 item 5), opened from 窗口工作台: a resident without a phone comes to a window
// with their ID card and a signed consent form; the clerk finds them by ID number (checked here by
// the same GB 11643 rule the BFF applies, then shown masked only), names the family member or grid
// worker by phone, the relation, what they may do and until when, and the form's number — checks
// it all once more on an in-page confirmation — and the grant is in force at once, the clerk its
// witness. The resident's grants are listed for any clerk at any window, and a witnessed one is
// ended here at the resident's request (an in-page confirmation, no pop-up). Clerks only.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FAMILY_GRANT_DAYS, GRANT_RELATIONS, GRANT_SCOPE_LABELS, GRANT_SCOPES, GRID_GRANT_DAYS, isGridRelation, isValidMobile, maskPhone, normalizeMobile, residentIdProblem, type GrantScopeKey, type ResidentIdProblem } from '@palm/shared';
import { messageOf } from '../../api/errors';
import { lookupResident, revokeWitnessedGrant, witnessGrant, type WitnessedGrantBody, type WitnessGrant, type WitnessRecord } from '../../api/witnessed-grants';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ChoiceList } from '../../components/choice-list';
import { cx } from '../../components/class-names';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { isClerkMe, StaffGate } from '../../components/staff-gate';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { TextField } from '../../components/text-field';
import { shanghaiDate, serverToday } from '../../lib/server-clock';
import './index.scss';

const ID_PROBLEM_COPY: Record<ResidentIdProblem, string> = {
  FORMAT: '身份证号应为18位：17位数字加最后一位数字或X',
  REGION: '身份证号前两位不是有效的省份代码，请核对',
  BIRTH_DATE: '身份证号中的出生日期不正确，请核对第7到14位',
  CHECKSUM: '身份证号最后一位校验码不对，可能有数字输错了，请逐位核对',
};

const FORM_NUMBER = /^[0-9A-Za-z][0-9A-Za-z-]{3,31}$/;

type Validity = 'max' | '30' | '7';
const VALIDITY_DAYS: Record<Exclude<Validity, 'max'>, number> = { '30': 30, '7': 7 };

const STATUS_WORDS: Record<WitnessGrant['status'], { tone: StatusTone; text: string }> = {
  ACTIVE: { tone: 'open', text: '生效中' },
  PENDING: { tone: 'notice', text: '待确认' },
  REJECTED: { tone: 'closed', text: '已拒绝' },
  REVOKED: { tone: 'closed', text: '已撤销' },
  EXPIRED: { tone: 'closed', text: '已过期' },
};
const REVOKED_BY: Record<NonNullable<WitnessGrant['revokedBy']>, string> = { GRANTOR: '居民本人撤销', GRANTEE: '代办人退出', STAFF: '窗口撤销' };

/** The last day a grant is valid (its end is the next midnight in Asia/Shanghai). */
export const lastDayOf = (validUntil: string): string => shanghaiDate(0, Date.parse(validUntil) - 1);
const scopeWords = (scopes: readonly string[]): string => scopes.map((s) => GRANT_SCOPE_LABELS[s as GrantScopeKey] ?? s).join('、');

/** The first problem with the ID number, in words; null when it may be sent. */
export function idNumberProblem(idNumber: string): string | null {
  const problem = residentIdProblem(idNumber.trim());
  return problem ? ID_PROBLEM_COPY[problem] : null;
}

export interface WitnessDraft {
  phone: string;
  relation: string;
  scopes: GrantScopeKey[];
  validity: Validity;
  formNumber: string;
}

/** The first problem with the new grant's form, in words; null when it may be confirmed. */
export function draftProblem(d: WitnessDraft): string | null {
  if (!isValidMobile(normalizeMobile(d.phone))) return '请填写代办人的11位手机号（对方需已用这个手机号登录过掌上办）';
  if (!d.relation) return '请选择代办人与居民的关系';
  if (d.scopes.length === 0) return '请至少选择一项代办范围';
  if (!FORM_NUMBER.test(d.formNumber.trim())) return '请填写纸质授权书上的编号（4到32位字母、数字或短横线）';
  return null;
}

/** The body sent, from the form: the last day only when shorter than the longest allowed. */
export function bodyOf(idNumber: string, d: WitnessDraft): WitnessedGrantBody {
  return {
    residentIdNumber: idNumber.trim().toUpperCase(),
    granteePhone: normalizeMobile(d.phone),
    relation: d.relation as WitnessedGrantBody['relation'],
    scopes: d.scopes,
    ...(d.validity === 'max' ? {} : { validUntil: serverToday(VALIDITY_DAYS[d.validity]) }),
    formNumber: d.formNumber.trim().toUpperCase(),
  };
}

function Facts({ id, rows }: { id: string; rows: Array<[string, string]> }) {
  return (
    <View id={id} className='witness__facts'>
      {rows.map(([label, value]) => (
        <View key={label} className='witness__fact'>
          <Text className='witness__fact-label'>{label}</Text>
          <Text className='witness__fact-value'>{value}</Text>
        </View>
      ))}
    </View>
  );
}

const EMPTY_DRAFT: WitnessDraft = { phone: '', relation: '', scopes: ['APPOINTMENT', 'QUEUE'], validity: 'max', formNumber: '' };

export default function WitnessPage() {
  return (
    <PageShell title='见证授权' className='witness'>
      <StaffGate id='witness' allow={isClerkMe} signedOutWords='见证授权供大厅窗口工作人员使用，请用工作账号登录。' noAccessWords='见证授权由大厅窗口工作人员办理。居民本人可在“我的 → 亲友代办”中授权家人或网格员。'>
        {() => <WitnessDesk />}
      </StaffGate>
    </PageShell>
  );
}

function WitnessDesk() {
  const [idNumber, setIdNumber] = useState('');
  const [record, setRecord] = useState<WitnessRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [draft, setDraft] = useState<WitnessDraft>(EMPTY_DRAFT);
  const [isConfirming, setIsConfirming] = useState(false);
  const [created, setCreated] = useState<WitnessGrant | null>(null);
  const [revoking, setRevoking] = useState<WitnessGrant | null>(null);
  const [revokeForm, setRevokeForm] = useState('');
  const [revoked, setRevoked] = useState<WitnessGrant | null>(null);

  const update = (patch: Partial<WitnessDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setIsConfirming(false);
  };

  const find = async () => {
    const problem = idNumberProblem(idNumber);
    setError(problem);
    if (problem) return;
    setIsBusy(true);
    try {
      setRecord(await lookupResident(idNumber.trim().toUpperCase(), { isQuiet: true }));
      setCreated(null);
      setRevoked(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
    setIsBusy(false);
  };

  const reload = async () => {
    setRecord(await lookupResident(idNumber.trim().toUpperCase(), { isQuiet: true }));
  };

  const clear = () => {
    setRecord(null);
    setIdNumber('');
    setDraft(EMPTY_DRAFT);
    setIsConfirming(false);
    setCreated(null);
    setRevoking(null);
    setRevoked(null);
    setError(null);
  };

  const check = () => {
    const problem = draftProblem(draft);
    setError(problem);
    setIsConfirming(problem === null);
  };

  const submit = async () => {
    setIsBusy(true);
    setError(null);
    try {
      const result = await witnessGrant(bodyOf(idNumber, draft), { isQuiet: true });
      // The list is read again first, so the result and the list show the same state together.
      await reload().catch(() => undefined);
      setCreated(result.grant);
      setDraft(EMPTY_DRAFT);
      setIsConfirming(false);
    } catch (failure) {
      setError(messageOf(failure));
    }
    setIsBusy(false);
  };

  const revoke = async () => {
    if (!revoking) return;
    const form = revokeForm.trim();
    if (form && !FORM_NUMBER.test(form)) {
      setError('撤销申请书编号应为4到32位字母、数字或短横线；没有可不填');
      return;
    }
    setIsBusy(true);
    setError(null);
    try {
      const ended = await revokeWitnessedGrant(revoking.id, form ? form.toUpperCase() : undefined, { isQuiet: true });
      await reload().catch(() => undefined);
      setRevoked(ended);
      setRevoking(null);
      setRevokeForm('');
    } catch (failure) {
      setError(messageOf(failure));
    }
    setIsBusy(false);
  };

  const isGrid = isGridRelation(draft.relation);
  const longest = isGrid ? `${GRID_GRANT_DAYS}天（网格员授权最长）` : draft.relation ? '1年（家人授权最长）' : '家人1年，网格员90天';
  const lastDay = draft.validity === 'max' ? serverToday(isGrid ? GRID_GRANT_DAYS : FAMILY_GRANT_DAYS) : serverToday(VALIDITY_DAYS[draft.validity]);

  if (!record) {
    return (
      <View className='witness__columns'>
        <View className='witness__main'>
          <Text className='palm-secondary'>为没有手机的居民登记代办授权：请居民出示身份证，并当面签署纸质授权书。身份证号只用于查找，页面上只显示部分数字。</Text>
          <View className='palm-spacer' />
          {error ? <ErrorState id='witness-error' message={error} /> : null}
          <Card title='查找居民'>
            <TextField id='witness-id-number' label='身份证号' type='idcard' maxLength={18} value={idNumber} placeholder='18位身份证号' onInput={setIdNumber} />
            <Button id='witness-find' isBlock isLoading={isBusy} onClick={() => void find()}>
              查找
            </Button>
          </Card>
        </View>
      </View>
    );
  }

  const { resident } = record;
  return (
    <View className='witness__columns'>
      <View className='witness__main'>
        {error ? <ErrorState id='witness-error' message={error} /> : null}
        <Card title='居民' id='witness-resident'>
          <Facts
            id='witness-resident-facts'
            rows={[
              ['姓名', resident.name],
              ['身份证号', resident.idNumberMasked],
              ['手机', resident.hasPhone ? '已用手机登录过掌上办（会收到授权消息）' : '没有手机账号'],
            ]}
          />
          <Button id='witness-clear' variant='secondary' isBlock onClick={clear}>
            换一位居民
          </Button>
        </Card>

        {created ? (
          <Card title='授权已生效' id='witness-created'>
            <StatusTag tone='open' text='生效中' detail={`至${lastDayOf(created.validUntil)}`} />
            <Facts
              id='witness-created-facts'
              rows={[
                ['代办人', `${created.grantee.name}（${created.relation}）`],
                ['代办范围', scopeWords(created.scopes)],
                ['有效期至', lastDayOf(created.validUntil)],
                ['授权书编号', created.formNumber ?? ''],
              ]}
            />
            <Text className='palm-secondary'>代办人已收到消息，现在就可以在授权范围内代居民办理。</Text>
          </Card>
        ) : null}

        <Card title='登记新的见证授权' id='witness-form'>
          <TextField id='witness-phone' label='代办人手机号' type='tel' maxLength={11} value={draft.phone} placeholder='家人或网格员的手机号' onInput={(phone) => update({ phone })} />
          <View className='palm-section-title'>与居民的关系</View>
          <View className='witness__pairs'>
            <ChoiceList
              idPrefix='witness-relation'
              label='与居民的关系'
              choices={GRANT_RELATIONS.map((r) => ({ id: r, title: r }))}
              chosenId={draft.relation || undefined}
              onChoose={(relation) => update({ relation })}
            />
          </View>
          <Text className='palm-secondary'>{`${GRANT_RELATIONS.filter(isGridRelation).join('、')}仅限代办人是网格员时选择。`}</Text>
          <View className='palm-section-title'>代办范围（可多选）</View>
          <View role='group' aria-label='代办范围'>
            {GRANT_SCOPES.map((scope, index) => {
              const isOn = draft.scopes.includes(scope);
              return (
                <View
                  key={scope}
                  id={`witness-scope-${index}`}
                  className={cx('palm-choice', isOn && 'palm-choice--chosen')}
                  role='checkbox'
                  tabIndex={0}
                  aria-checked={isOn ? 'true' : 'false'}
                  onClick={() => update({ scopes: isOn ? draft.scopes.filter((s) => s !== scope) : GRANT_SCOPES.filter((s) => s === scope || draft.scopes.includes(s)) })}
                >
                  <View className='palm-choice__text'>
                    <Text>{GRANT_SCOPE_LABELS[scope]}</Text>
                  </View>
                  <Text className={isOn ? 'palm-choice__mark' : 'palm-choice__mark witness__off'}>{isOn ? '✓ 已选' : '未选'}</Text>
                </View>
              );
            })}
          </View>
          <View className='palm-section-title'>有效期</View>
          <ChoiceList
            idPrefix='witness-validity'
            label='有效期'
            choices={[
              { id: 'max', title: `最长：${longest}` },
              { id: '30', title: '30天' },
              { id: '7', title: '7天' },
            ]}
            chosenId={draft.validity}
            onChoose={(validity) => update({ validity: validity as Validity })}
          />
          <TextField id='witness-form-number' label='授权书编号' maxLength={32} value={draft.formNumber} placeholder='纸质授权书右上角的编号' onInput={(formNumber) => update({ formNumber })} />
          {isConfirming ? null : (
            <Button id='witness-check' isBlock onClick={check}>
              核对信息
            </Button>
          )}
        </Card>

        {isConfirming ? (
          <Card title='请与居民核对后登记' id='witness-confirm' isNotice>
            <Facts
              id='witness-confirm-facts'
              rows={[
                ['授权人', resident.name],
                ['身份证', resident.idNumberMasked],
                ['代办人手机', maskPhone(normalizeMobile(draft.phone))],
                ['关系', draft.relation],
                ['代办范围', scopeWords(draft.scopes)],
                ['有效期至', lastDay],
                ['授权书编号', draft.formNumber.trim().toUpperCase()],
                ['见证人', '您（当前登录的窗口工作人员）'],
              ]}
            />
            <Text>登记后授权立即生效，代办人会收到消息；居民可随时到任一窗口撤销。</Text>
            <View className='palm-spacer' />
            <View className='witness__buttons'>
              <Button id='witness-submit' isLoading={isBusy} onClick={() => void submit()}>
                确认登记
              </Button>
              <Button id='witness-edit' variant='secondary' onClick={() => setIsConfirming(false)}>
                返回修改
              </Button>
            </View>
          </Card>
        ) : null}
      </View>

      <View className='witness__side'>
        <Card title={`${resident.name}的授权`} id='witness-grants'>
          {revoked ? <StatusTag id='witness-revoked' tone='closed' text='已撤销' detail={`${revoked.grantee.name}（${revoked.relation}）不能再代办`} /> : null}
          {record.items.length === 0 ? <Text className='palm-secondary'>这位居民还没有授权任何人代办。</Text> : null}
          {record.items.map((grant, index) => {
            const status = STATUS_WORDS[grant.status];
            const ended = grant.revokedBy ? REVOKED_BY[grant.revokedBy] : null;
            return (
              <View key={grant.id} id={`witness-grant-${index}`} className='witness__grant'>
                <StatusTag tone={status.tone} text={status.text} detail={ended ?? (grant.status === 'ACTIVE' ? `至${lastDayOf(grant.validUntil)}` : undefined)} />
                <Facts
                  id={`witness-grant-${index}-facts`}
                  rows={[
                    ['代办人', `${grant.grantee.name}（${grant.relation}）${grant.grantee.phoneMasked ? ` ${grant.grantee.phoneMasked}` : ''}`],
                    ['代办范围', scopeWords(grant.scopes)],
                    ['授权方式', grant.consentMethod === 'WITNESSED' ? `窗口见证（授权书 ${grant.formNumber ?? '未登记编号'}）` : '本人在手机上授权'],
                  ]}
                />
                {grant.canRevoke && revoking?.id !== grant.id ? (
                  <Button id={`witness-grant-${index}-revoke`} variant='danger' isBlock onClick={() => setRevoking(grant)}>
                    撤销
                  </Button>
                ) : null}
                {grant.consentMethod === 'IN_APP' && grant.status === 'ACTIVE' ? <Text className='palm-secondary'>本人在手机上授权的，请本人在“我的 → 亲友代办”中撤销。</Text> : null}
                {revoking?.id === grant.id ? (
                  <View id='witness-revoke-confirm' className='palm-stack'>
                    <Text>
                      确认应居民本人要求，撤销 {grant.grantee.name}（{grant.relation}）的代办授权？撤销后对方立即不能再代办。
                    </Text>
                    <TextField id='witness-revoke-form' label='撤销申请书编号（可不填）' maxLength={32} value={revokeForm} placeholder='如有书面申请' onInput={setRevokeForm} />
                    <View className='witness__buttons'>
                      <Button id='witness-revoke-submit' variant='danger' isLoading={isBusy} onClick={() => void revoke()}>
                        确认撤销
                      </Button>
                      <Button id='witness-revoke-cancel' variant='secondary' onClick={() => setRevoking(null)}>
                        不撤销
                      </Button>
                    </View>
                  </View>
                ) : null}
              </View>
            );
          })}
        </Card>
      </View>
    </View>
  );
}
