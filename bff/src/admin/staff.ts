// Staff as the admin console manages them (issue 17): the list (admins: everyone holding a staff
// role; a hall manager: their office's), inviting by phone — the person is found by the phone's
// look-up hash or made a new, unverified citizen account, and given the role with its posting (a
// clerk or hall manager an office, a supervisor a region) — and revoking. A hall manager invites
// and revokes clerks of their own office only. Roles ride in access tokens: a revocation ends the
// person's sessions at once (identity/tokens.ts, as an admin's block does); an invitation takes
// effect at the person's next sign-in. Audited with the phone masked, never in clear.
import { isValidMobile, normalizeMobile } from '@palm/shared';
import { STAFF_ROLES, type AdminStaff, type AdminStaffInvite } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma, Role, User } from '@palm/db/client';
import { findOrCreateByPhone } from '../identity/users';
import { AppError } from '../lib/errors';
import { authorizeOffice, pick, recordChange } from './changes';

type StaffRole = (typeof STAFF_ROLES)[number];
const PAGE = 50;
const POSTING_FIELDS = ['roles', 'officeId', 'regionCode'] as const;

const toStaff = (u: Pick<User, 'id' | 'name' | 'phoneMasked' | 'roles' | 'officeId' | 'regionCode'>): AdminStaff => ({
  id: u.id,
  name: u.name,
  phoneMasked: u.phoneMasked,
  roles: u.roles,
  officeId: u.officeId,
  regionCode: u.regionCode,
});

export class StaffAdmin {
  constructor(private readonly app: FastifyInstance) {}

  async list(request: FastifyRequest, query: { officeId?: string; cursor?: string }): Promise<{ items: AdminStaff[]; nextCursor?: string }> {
    await this.app.policy.authorize(request, 'admin.staff.read');
    const isAdmin = request.auth!.roles.includes('ADMIN');
    const own = isAdmin ? null : (await this.app.users.posting(request.auth!.userId)).officeId;
    // A hall manager sees their own office's staff, whatever `officeId` asks for.
    const officeId = own ?? query.officeId;
    const where: Prisma.UserWhereInput = {
      roles: { hasSome: isAdmin ? [...STAFF_ROLES] : ['CLERK', 'MANAGER'] },
      ...(officeId ? { officeId } : {}),
      ...(query.cursor ? { id: { gt: query.cursor } } : {}),
    };
    const rows = await this.app.prisma.user.findMany({ where, orderBy: { id: 'asc' }, take: PAGE + 1 });
    const items = rows.slice(0, PAGE).map(toStaff);
    return { items, ...(rows.length > PAGE ? { nextCursor: items[items.length - 1]!.id } : {}) };
  }

  async invite(request: FastifyRequest, body: AdminStaffInvite): Promise<{ staff: AdminStaff; created: boolean }> {
    const role = body.role as StaffRole;
    const posting = await this.postingOf(request, role, body);
    const phone = normalizeMobile(body.phone);
    if (!isValidMobile(phone)) throw new AppError('PHONE_INVALID');
    const { user, created } = await findOrCreateByPhone(this.app.prisma, this.app.resources.pii, phone);
    if (user.disabled) throw new AppError('CONFLICT', '该账号已被停用，请先恢复账号');
    if (role !== 'ADMIN' && user.roles.some((r) => r !== role && r !== 'CITIZEN' && r !== 'GRID_WORKER')) {
      throw new AppError('CONFLICT', '此人已有其他工作人员身份，请先撤销原身份');
    }
    // Moving someone from another hall or region is that posting's revocation first, not an invitation.
    const postedElsewhere = user.roles.includes(role) && (('office' in posting && user.officeId !== body.officeId) || ('regionCode' in posting && user.regionCode !== body.regionCode));
    if (postedElsewhere) throw new AppError('CONFLICT', '此人已在其他大厅或辖区任该职务，请先撤销原职务');
    const after = await this.app.prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: user.id },
        data: { roles: [...new Set<Role>([...user.roles, role])], ...posting },
      });
      await recordChange(
        this.app,
        request,
        {
          action: role === 'CLERK' ? 'admin.staff.invite-clerk' : 'admin.staff.invite',
          resourceType: 'staffMember',
          resourceId: user.id,
          subjectId: user.id,
          officeId: updated.officeId,
          before: pick(user, POSTING_FIELDS),
          after: pick(updated, POSTING_FIELDS),
          extra: { phoneMasked: updated.phoneMasked ?? '', accountCreated: created },
        },
        tx,
      );
      return updated;
    });
    return { staff: toStaff(after), created };
  }

  /** Takes `role` (or every staff role) away; the person's sessions end at once. */
  async revoke(request: FastifyRequest, id: string, role?: StaffRole): Promise<{ staff: AdminStaff; sessionsEnded: number }> {
    const found = await this.app.prisma.user.findUnique({ where: { id } });
    const member = found && found.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r)) ? found : null;
    await this.app.policy.authorizeFound(request, 'admin.staff.revoke', 'staffMember', id, member, (u) => ({ officeId: u.officeId ?? undefined, staffRoles: u.roles }));
    const user = member!;
    if (id === request.auth!.userId) throw new AppError('CONFLICT', '不能撤销自己的工作人员身份');
    const taken: readonly string[] = role ? [role] : STAFF_ROLES;
    if (!user.roles.some((r) => taken.includes(r))) throw new AppError('CONFLICT', '此人没有该工作人员身份');
    const roles = user.roles.filter((r) => !taken.includes(r));
    const keepsOffice = roles.includes('CLERK') || roles.includes('MANAGER');
    const { after, sids } = await this.app.prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id },
        data: { roles, officeId: keepsOffice ? user.officeId : null, regionCode: roles.includes('SUPERVISOR') ? user.regionCode : null },
      });
      // Windows assigned to them are free for another clerk.
      if (!roles.includes('CLERK')) await tx.counter.updateMany({ where: { clerkId: id }, data: { clerkId: null } });
      const ended = await this.app.tokens.revokeAllInTx(tx, id);
      await recordChange(
        this.app,
        request,
        { action: 'admin.staff.revoke', resourceType: 'staffMember', resourceId: id, subjectId: id, officeId: user.officeId, before: pick(user, POSTING_FIELDS), after: pick(updated, POSTING_FIELDS), extra: { sessionsEnded: ended.length } },
        tx,
      );
      return { after: updated, sids: ended };
    });
    await this.app.sessions.revoke(sids);
    return { staff: toStaff(after), sessionsEnded: sids.length };
  }

  /**
   * Where the new role is posted, authorized: a clerk by admins or the office's hall manager; a
   * hall manager, supervisor or admin by admins only.
   */
  private async postingOf(request: FastifyRequest, role: StaffRole, body: AdminStaffInvite): Promise<Prisma.UserUpdateInput> {
    const needsOffice = role === 'CLERK' || role === 'MANAGER';
    if (needsOffice && !body.officeId) throw new AppError('VALIDATION_FAILED', '请选择所在大厅', [{ field: 'body.officeId', rule: 'required' }]);
    if (role === 'SUPERVISOR' && !body.regionCode) throw new AppError('VALIDATION_FAILED', '请选择督办的辖区', [{ field: 'body.regionCode', rule: 'required' }]);
    if (role === 'CLERK') {
      await authorizeOffice(this.app, request, 'admin.staff.invite-clerk', body.officeId!);
      return { office: { connect: { id: body.officeId! } } };
    }
    await this.app.policy.authorize(request, 'admin.staff.invite');
    if (role === 'MANAGER') {
      const office = await this.app.prisma.office.findUnique({ where: { id: body.officeId! }, select: { id: true } });
      if (!office) throw new AppError('VALIDATION_FAILED', '所选大厅不存在', [{ field: 'body.officeId', rule: 'exists' }]);
      return { office: { connect: { id: office.id } } };
    }
    if (role === 'SUPERVISOR') {
      const region = await this.app.prisma.region.findUnique({ where: { code: body.regionCode! }, select: { code: true } });
      if (!region) throw new AppError('VALIDATION_FAILED', '所选辖区不存在', [{ field: 'body.regionCode', rule: 'exists' }]);
      return { regionCode: region.code };
    }
    return {};
  }
}
