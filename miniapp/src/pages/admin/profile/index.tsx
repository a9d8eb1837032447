// 大厅信息 (issue 17 item 2, admins): a hall's name, address, consultation phone and the services it
// offers — checked as typed, and before saving a confirmation that says what citizens will see
// change and which services start or stop (a stopped one's slot rules stop; the BFF refuses while
// people have bookings for it not yet handled, and says whose service in its words; today's numbers
// for it are still called, and the confirmation says how many).
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ServiceSummary } from '@palm/shared/server';
import { useState } from 'react';
import { getAdminOffice, patchAdminOffice, type AdminOffice } from '../../../api/admin';
import { everyPage } from '../../../api/admin-staff';
import { searchServices } from '../../../api/services';
import { useApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { TextField } from '../../../components/text-field';
import { isAdmin } from '../model';
import { AdminGate, Confirm, Done, Problem, Toggle, useAction } from '../shared';
import { profileConsequence, profilePatch, profileProblems, type ProfileDraft } from './model';
import '../shared.scss';

export default function AdminProfilePage() {
  const params = useRouter().params;
  return (
    <PageShell title='大厅信息'>
      <AdminGate allows={isAdmin}>{() => <ProfileConsole id={params.id ?? ''} />}</AdminGate>
    </PageShell>
  );
}

/** Every service of the catalogue (a few dozen). */
const allServices = () => everyPage((cursor) => searchServices({ limit: 50, cursor }, { isQuiet: true }));

const draftOf = (office: AdminOffice): ProfileDraft => ({ name: office.name, address: office.address, phone: office.phone ?? '', serviceIds: office.services.map((s) => s.id) });

function ProfileConsole({ id }: { id: string }) {
  const office = useApi(id ? () => getAdminOffice(id, { isQuiet: true }) : null, [id]);
  const services = useApi(() => allServices(), []);
  const [saved, setSaved] = useState<AdminOffice | null>(null);
  const shown = saved ?? office.data;
  if (!id) return <ErrorState id='admin-profile-none' message='没有指定大厅，请从管理后台选择。' />;
  const error = office.error ?? services.error;
  if (error) return <ErrorState id='admin-profile-error' message={error.message} onRetry={office.error ? office.reload : services.reload} />;
  if (!shown || !services.data) return <Text className='palm-secondary'>正在加载…</Text>;
  return <ProfileForm office={shown} services={services.data} onSaved={setSaved} />;
}

function ProfileForm({ office, services, onSaved }: { office: AdminOffice; services: ServiceSummary[]; onSaved: (office: AdminOffice) => void }) {
  const was = draftOf(office);
  const [draft, setDraft] = useState<ProfileDraft>(was);
  const [isConfirming, setIsConfirming] = useState(false);
  const action = useAction();
  const problems = profileProblems(draft);
  const patch = profilePatch(draft, was);
  const isChanged = Object.keys(patch).length > 0;
  const isValid = Object.keys(problems).length === 0;
  const nameOf = (serviceId: string) => services.find((s) => s.id === serviceId)?.name ?? office.services.find((s) => s.id === serviceId)?.name ?? serviceId;
  const edit = (change: Partial<ProfileDraft>) => {
    setDraft((had) => ({ ...had, ...change }));
    setIsConfirming(false);
    action.clear();
  };
  const save = () =>
    action.run(
      () => patchAdminOffice(office.id, patch, { isQuiet: true }),
      (next) => {
        setIsConfirming(false);
        onSaved(next);
        return '大厅信息已保存，市民看到的信息已更新。';
      },
      () => setIsConfirming(false),
    );

  return (
    <View>
      <Text id='admin-profile-name' className='palm-section-title'>
        {office.name}
      </Text>
      <View className='admin-wide'>
        <Card id='admin-profile-contact' title='名称和联系方式'>
          <TextField id='admin-profile-field-name' label='大厅名称' value={draft.name} maxLength={60} onInput={(name) => edit({ name })} />
          <Problem id='admin-profile-name-problem' text={problems.name} />
          <TextField id='admin-profile-field-address' label='地址' value={draft.address} maxLength={200} onInput={(address) => edit({ address })} />
          <Problem id='admin-profile-address-problem' text={problems.address} />
          <TextField id='admin-profile-field-phone' label='咨询电话（可不填）' value={draft.phone} placeholder='例如 0797-1234567' maxLength={20} onInput={(phone) => edit({ phone })} />
          <Problem id='admin-profile-phone-problem' text={problems.phone} />
        </Card>
        <Card id='admin-profile-services' title={`办理事项（已选 ${draft.serviceIds.length} 项）`}>
          <View role='group' aria-label='办理事项'>
            {services.map((service) => {
              const isOn = draft.serviceIds.includes(service.id);
              return (
                <Toggle
                  key={service.id}
                  id={`admin-profile-service-${service.code}`}
                  isOn={isOn}
                  title={service.name}
                  detail={service.department}
                  onWords='办理'
                  onToggle={() => edit({ serviceIds: isOn ? draft.serviceIds.filter((s) => s !== service.id) : [...draft.serviceIds, service.id] })}
                />
              );
            })}
          </View>
          <Problem id='admin-profile-services-problem' text={problems.serviceIds} />
        </Card>
      </View>
      {action.error ? <ErrorState id='admin-profile-save-error' message={action.error} /> : null}
      {isConfirming && isValid && isChanged ? (
        <Confirm
          idPrefix='admin-profile'
          title='保存前请确认'
          words={profileConsequence(draft, was, nameOf, (serviceId) => office.services.find((s) => s.id === serviceId)?.waitingToday ?? 0)}
          confirmText='确认保存'
          isBusy={action.isBusy}
          onConfirm={save}
          onCancel={() => setIsConfirming(false)}
        />
      ) : (
        <Button id='admin-profile-check' isBlock isDisabled={!isValid || !isChanged} onClick={() => setIsConfirming(true)}>
          {!isValid ? '请先改正上面标出的内容' : isChanged ? '检查并保存' : '没有改动'}
        </Button>
      )}
      <Done id='admin-profile-done' text={action.done} />
    </View>
  );
}
