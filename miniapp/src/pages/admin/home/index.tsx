// 管理后台 (issue 17), opened from 我的 by admins and hall managers: a hall manager goes to their own
// hall's hours and closures or its windows; an admin chooses any hall, and keeps the holiday calendar
// and the services' guides. Both reach 人员管理 and 操作记录. The BFF decides again on every call
// (bff/src/admin/README.md).
import { Text } from '@tarojs/components';
import type { Me } from '@palm/shared/server';
import { listOffices } from '../../../api/offices';
import { useApi } from '../../../api/use-api';
import { Card } from '../../../components/card';
import { Cell } from '../../../components/cell';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { ADMIN_PAGES, openPage } from '../../../lib/routes';
import { isAdmin } from '../model';
import { AdminGate } from '../shared';
import '../shared.scss';

export default function ConsolePage() {
  return (
    <PageShell title='管理后台'>
      <AdminGate>{(me) => (isAdmin(me) ? <AdminHome /> : <ManagerHome me={me} />)}</AdminGate>
    </PageShell>
  );
}

function ManagerHome({ me }: { me: Me }) {
  return (
    <>
      <Card title='本大厅'>
        <Cell id='admin-own-office' title='办公时间和闭厅安排' description='每周办公时间、闭厅日和特别办公时间' isLink onClick={() => openPage(ADMIN_PAGES.adminOffice, { id: me.officeId ?? undefined })} />
        <Cell id='admin-own-windows' title='窗口管理' description='新增、改名、停用窗口，办理的业务类别，负责的工作人员' isLink onClick={() => openPage(ADMIN_PAGES.adminWindows, { id: me.officeId ?? undefined })} />
        <Cell id='admin-own-queue' title='排队设置' description='叫号提醒、优先号规则、每天远程取号量' isLink onClick={() => openPage(ADMIN_PAGES.adminQueue, { id: me.officeId ?? undefined })} />
        <Cell id='admin-own-slots' title='预约号源' description='每周预约时间、午休、每个号源人数、放号时间' isLink onClick={() => openPage(ADMIN_PAGES.adminSlots, { id: me.officeId ?? undefined })} />
      </Card>
      <StaffAndAudit staffWords='本大厅的工作人员，邀请和撤销窗口人员' auditWords='本大厅的每一项变更，改前改后' />
    </>
  );
}

/** 人员管理 and 操作记录, for a hall manager (their hall) and an admin (every hall). */
function StaffAndAudit({ staffWords, auditWords }: { staffWords: string; auditWords: string }) {
  return (
    <Card title='人员和记录'>
      <Cell id='admin-staff-link' title='人员管理' description={staffWords} isLink onClick={() => openPage(ADMIN_PAGES.adminStaff)} />
      <Cell id='admin-audit-link' title='操作记录' description={auditWords} isLink onClick={() => openPage(ADMIN_PAGES.adminAudit)} />
    </Card>
  );
}

function AdminHome() {
  const halls = useApi(() => listOffices({}, { isQuiet: true }), []);
  return (
    <>
      <Card title='节假日安排'>
        <Cell id='admin-calendar' title='节假日和调休' description='查看各年安排，导入新一年的放假通知' isLink onClick={() => openPage(ADMIN_PAGES.adminCalendar)} />
      </Card>
      <Card title='事项指南'>
        <Cell id='admin-guides' title='修改办事指南' description='条件、材料和电子证照替代、时限、收费、渠道、搜索同义词；每次保存生成新版本' isLink onClick={() => openPage(ADMIN_PAGES.adminServices)} />
      </Card>
      <StaffAndAudit staffWords='各大厅和辖区的工作人员，邀请和撤销' auditWords='管理后台的每一项变更，改前改后' />
      <Card title='各大厅（办公时间、闭厅安排、窗口、排队设置、预约号源）'>
        {halls.error ? <ErrorState message={halls.error.message} onRetry={halls.reload} /> : null}
        {!halls.data && !halls.error ? <Text className='palm-secondary'>正在加载…</Text> : null}
        {halls.data?.items.map((hall, index) => (
          <Cell key={hall.id} id={`admin-office-${index}`} title={hall.name} description={hall.address} isLink onClick={() => openPage(ADMIN_PAGES.adminOffice, { id: hall.id })} />
        ))}
      </Card>
    </>
  );
}
