// 窗口工作台 (DESIGN.md §1 clerk): call the next number, recall, skip, start, finish, transfer, take
// a number for someone at the window, check in an appointment by its code, open/pause/close the
// window, see the queue and the day's appointments — live; 见证授权 (pages/witness), 核验亮证 and, on H5, 离线核验 one tap away. Only for
// clerks (their own hall) and supervisors (watching a hall of their region); everyone else is told
// so in words. Signed out: a sign-in button (the panel needs to know who is at the window).
import { useRouter } from '@tarojs/taro';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { PageShell } from '../../components/page-shell';
import { StaffGate } from '../../components/staff-gate';
import { openPage, PAGES, STAFF_PAGES } from '../../lib/routes';
import { Workbench } from './workbench';
import './index.scss';

/** Roles that may open the panel; the BFF decides again on every request (policy). */
export const COUNTER_ROLES: readonly string[] = ['CLERK', 'SUPERVISOR'];

export default function CounterPage() {
  const params = useRouter().params;
  return (
    <PageShell title='窗口工作台' className='counter'>
      <StaffGate
        id='counter'
        allow={(me) => me.roles.some((role) => COUNTER_ROLES.includes(role))}
        signedOutWords='窗口工作台供大厅窗口工作人员使用，请用工作账号登录。'
        noAccessWords='窗口工作台仅供窗口工作人员和主管使用。您的账号没有这个权限，如需开通请联系大厅管理员。'
      >
        {(me) => (
          <>
            <Card>
              <Cell id='counter-desk' title='反映工作台' description='办不成事反映、整改回访、统计和评价' isLink onClick={() => openPage(STAFF_PAGES.desk)} />
              {me.roles.includes('CLERK') ? (
                <>
                  <Cell id='counter-witness' title='见证授权' description='为没有手机的居民登记或撤销代办授权' isLink onClick={() => openPage(PAGES.witness)} />
                  <Cell id='counter-licence-verify' title='核验亮证' description='扫码或粘贴居民的亮证码，只显示该事项需要的信息' isLink onClick={() => openPage(PAGES.licenceVerify)} />
                  {process.env.TARO_ENV === 'h5' ? (
                    <Cell id='counter-licence-offline' title='离线核验' description='断网时核对亮证码的签名和有效期' isLink onClick={() => openPage(PAGES.licenceOffline)} />
                  ) : null}
                </>
              ) : null}
            </Card>
            <Workbench officeId={params.officeId ?? me.officeId} counterId={params.counterId ?? null} />
          </>
        )}
      </StaffGate>
    </PageShell>
  );
}
