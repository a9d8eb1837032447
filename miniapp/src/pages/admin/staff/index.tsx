// 人员管理 (issue 17 item 4): the staff (`GET /api/admin/staff`, paged: names, masked phones, roles,
// hall or region) — a hall manager their hall's clerks and managers, an admin everyone, by hall if
// they choose one. Invite by phone (`POST /api/admin/staff`): a hall manager a clerk of their own
// hall, an admin any role with its posting (a clerk or hall manager a hall, a supervisor a region);
// the phone is checked as typed with @palm/shared's check, a confirmation says what will happen, the
// result whether a new account was made. Revoke (`POST …/:id/revoke`) after a confirmation that says
// it ends their sessions at once and frees their windows. Refusals in the BFF's words.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Me } from '@palm/shared/server';
import { inviteStaff, listStaff, revokeStaff, type AdminStaff } from '../../../api/admin-staff';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Chips } from '../../../components/chips';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { TextField } from '../../../components/text-field';
import { HallChips, HallFilter, useHalls, type Halls } from '../halls';
import { isAdmin } from '../model';
import { AdminGate, Confirm, Done, Problem, useAction } from '../shared';
import { inviteBody, inviteConsequence, invitedWords, inviteProblems, memberPost, needsOffice, personWords, revokeConsequence, ROLE_LABELS, STAFF_ROLE_KEYS, staffRolesOf, type InviteDraft, type StaffRole } from '../staff-model';
import { PagedMore } from '../paged-more';
import { usePaged } from '../use-paged';
import '../shared.scss';

export default function AdminStaffPage() {
  return (
    <PageShell title='人员管理'>
      <AdminGate>{(me) => <StaffConsole me={me} />}</AdminGate>
    </PageShell>
  );
}

function StaffConsole({ me }: { me: Me }) {
  const admin = isAdmin(me);
  const halls = useHalls();
  const [officeId, setOfficeId] = useState('');
  const [changes, setChanges] = useState(0);
  // What the last revocation did: said above the list, which is read again (the row may leave it).
  const [revoked, setRevoked] = useState<string | null>(null);
  const list = usePaged((cursor) => listStaff({ officeId: admin ? officeId || undefined : undefined, cursor }, { isQuiet: true }), [officeId, changes]);
  const changed = () => setChanges((n) => n + 1);
  return (
    <View>
      <Text id='admin-staff-scope' className='palm-section-title'>
        {admin ? '所有大厅和辖区的工作人员' : halls.names.get(me.officeId ?? '') ?? '本大厅'}
      </Text>
      {admin ? <HallFilter idPrefix='admin-staff' halls={halls} chosen={officeId} onChoose={setOfficeId} /> : null}
      <View className='admin-wide'>
        <Card id='admin-staff' title='工作人员'>
          <Done id='admin-staff-done' text={revoked} />
          {list.items?.length === 0 ? <Text id='admin-staff-empty' className='palm-secondary'>还没有工作人员。</Text> : null}
          {list.items?.map((member, index) => (
            <StaffRow key={member.id} index={index} member={member} me={me} halls={halls} onRevoked={(words) => {
                setRevoked(words);
                changed();
              }} />
          ))}
          <PagedMore idPrefix='admin-staff' list={list} />
        </Card>
        <InviteStaff me={me} halls={halls} onInvited={() => {
            setRevoked(null);
            changed();
          }} />
      </View>
    </View>
  );
}

/** Who may be revoked here: an admin anyone but themself; a hall manager a clerk holding no other staff role. */
const mayRevoke = (me: Me, member: AdminStaff): boolean => member.id !== me.id && (isAdmin(me) || staffRolesOf(member).join() === 'CLERK');

function StaffRow({ index, member, me, halls, onRevoked }: { index: number; member: AdminStaff; me: Me; halls: Halls; onRevoked: (words: string) => void }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const action = useAction();
  const prefix = `admin-staff-${index}`;
  const revoke = () =>
    action.run(
      () => revokeStaff(member.id, undefined, { isQuiet: true }),
      (result) => {
        const words = `已撤销 ${personWords(result.staff)} 的工作人员身份，其登录已全部结束（${result.sessionsEnded}处）。`;
        setIsConfirming(false);
        onRevoked(words);
        return words;
      },
      () => setIsConfirming(false),
    );
  return (
    <View id={prefix} data-staff-id={member.id} className='admin-row'>
      <View className='admin-row__main'>
        <Text className='admin-row__title'>{personWords(member)}</Text>
        <Text>{memberPost(member, halls.names)}</Text>
      </View>
      {mayRevoke(me, member) && !isConfirming ? (
        <Button id={`${prefix}-revoke`} variant='secondary' onClick={() => setIsConfirming(true)}>
          撤销
        </Button>
      ) : null}
      {isConfirming ? (
        <View className='admin-row__form'>
          <Confirm
            idPrefix={`${prefix}-revoke`}
            title={`撤销${member.name ?? member.phoneMasked ?? ''}的工作人员身份？`}
            words={revokeConsequence(member, halls.names)}
            confirmText='确认撤销'
            isDanger
            isBusy={action.isBusy}
            onConfirm={revoke}
            onCancel={() => setIsConfirming(false)}
          />
        </View>
      ) : null}
      {action.error ? <ErrorState id={`${prefix}-error`} message={action.error} /> : null}
      <Done id={`${prefix}-done`} text={action.done} />
    </View>
  );
}

const EMPTY: InviteDraft = { phone: '', role: 'CLERK', officeId: '', regionCode: '' };

function InviteStaff({ me, halls, onInvited }: { me: Me; halls: Halls; onInvited: () => void }) {
  const admin = isAdmin(me);
  const [draft, setDraft] = useState<InviteDraft>({ ...EMPTY, officeId: admin ? '' : me.officeId ?? '' });
  const [isChecked, setIsChecked] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const action = useAction();
  const problems = inviteProblems(draft);
  const isValid = Object.keys(problems).length === 0;
  const edit = (patch: Partial<InviteDraft>) => {
    setDraft((now) => ({ ...now, ...patch }));
    setIsConfirming(false);
    action.clear();
  };
  const check = () => {
    setIsChecked(true);
    if (isValid) setIsConfirming(true);
  };
  const invite = () => {
    const role = draft.role;
    action.run(
      () => inviteStaff(inviteBody(draft), { isQuiet: true }),
      (result) => {
        setIsConfirming(false);
        setIsChecked(false);
        setDraft((now) => ({ ...now, phone: '' }));
        onInvited();
        return invitedWords(result, role, halls.names);
      },
      () => setIsConfirming(false),
    );
  };
  return (
    <Card id='admin-invite' title={admin ? '邀请工作人员' : '邀请本大厅的窗口人员'}>
      <TextField id='admin-invite-phone' label='对方的手机号' type='tel' value={draft.phone} placeholder='例如 13800000000' maxLength={20} onInput={(phone) => edit({ phone })} />
      <Problem id='admin-invite-phone-problem' text={isChecked || draft.phone.trim() ? problems.phone : null} />
      {admin ? (
        <>
          <Chips idPrefix='admin-invite-role' label='身份' chips={STAFF_ROLE_KEYS.map((key) => ({ key, text: ROLE_LABELS[key]! }))} chosen={draft.role} onChoose={(role: StaffRole) => edit({ role })} />
          {needsOffice(draft.role) ? <HallChips idPrefix='admin-invite-hall' label='所在大厅' halls={halls} chosen={draft.officeId} onChoose={(officeId) => edit({ officeId })} /> : null}
          <Problem id='admin-invite-office-problem' text={isChecked ? problems.office : null} />
          {draft.role === 'SUPERVISOR' ? (
            <TextField id='admin-invite-region' label='督办辖区代码（12位）' type='number' value={draft.regionCode} placeholder='例如 361221000000' maxLength={12} onInput={(regionCode) => edit({ regionCode })} />
          ) : null}
          <Problem id='admin-invite-region-problem' text={isChecked || draft.regionCode ? problems.region : null} />
        </>
      ) : (
        <Text className='palm-secondary'>大厅负责人可以邀请本大厅的窗口人员；其他身份请联系管理员。</Text>
      )}
      {action.error ? <ErrorState id='admin-invite-error' message={action.error} /> : null}
      <View className='palm-spacer' />
      {isConfirming && isValid ? (
        <Confirm
          idPrefix='admin-invite'
          title='邀请前请确认'
          words={inviteConsequence(draft, halls.names)}
          confirmText='确认邀请'
          isBusy={action.isBusy}
          onConfirm={invite}
          onCancel={() => setIsConfirming(false)}
        />
      ) : (
        <Button id='admin-invite-check' isBlock onClick={check}>
          邀请
        </Button>
      )}
      <Done id='admin-invite-done' text={action.done} />
    </Card>
  );
}
