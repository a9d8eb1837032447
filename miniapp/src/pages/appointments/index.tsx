// 我的预约: without ?id the list (coming first, 我的候补, then past ones); with ?id one appointment
// with its code, check-in, cancel and reschedule. Both need sign-in.
import { useRouter } from '@tarojs/taro';
import { useActing } from '../../api/acting-store';
import { PageShell } from '../../components/page-shell';
import { AppointmentDetail } from './appointment-detail';
import { AppointmentList } from './appointment-list';
import '../../features/appointments/styles.scss';
import './index.scss';

export default function AppointmentsPage() {
  const id = useRouter().params.id ?? '';
  const { actingFor } = useActing();
  return <PageShell title={id ? '预约详情' : actingFor ? `${actingFor.name} 的预约` : '我的预约'}>{id ? <AppointmentDetail id={id} /> : <AppointmentList />}</PageShell>;
}
