// What the console page suites share: the county centre, its hall manager, and the hall as
// GET /api/admin/offices/:id answers it (closed every day and offering nothing unless told).
import type { AdminOffice, Me } from '@palm/shared/server';
import { me } from '../helpers';

export const OFFICE = '5eed0001-0000-4000-8000-000000000001';
export const managerMe: Me = { ...me, name: '马晓慧', roles: ['CITIZEN' as const, 'MANAGER' as const], officeId: OFFICE };

export const adminOffice = (patch: Partial<AdminOffice> = {}): AdminOffice => ({
  id: OFFICE,
  code: 'QS-CENTER',
  name: '青石县政务服务中心',
  level: 'COUNTY',
  regionCode: '360700000000',
  address: '青石县人民路1号',
  phone: null,
  weeklyHours: { '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] },
  openOnHolidays: false,
  exceptions: [],
  services: [],
  ...patch,
});
