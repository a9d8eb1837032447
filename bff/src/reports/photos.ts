// 办不成事 photos (issue 16): uploaded one at a time as multipart/form-data (what WeChat's and
// Alipay's uploadFile send), kept in PostgreSQL (ReportPhoto.bytes) so the embedded default needs
// no object store, attached to a report when it is filed, read back by whoever may view the report.
// Limits: JPEG / PNG / WebP by the file's own magic bytes (the client's content type is not
// trusted), REPORT_PHOTO_MAX_BYTES each, REPORT_PHOTOS_MAX waiting per uploader and person (and so
// per report); location metadata is dropped before storing (photo-bytes.ts). An unattached photo older than a day is deleted by the report job. Decorated as
// `app.reportPhotos` (./index.ts).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReportPhoto } from '@palm/shared/server';
import type { Prisma, PrismaClient } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { sniffImage, withoutMetadata, type PhotoMime } from './photo-bytes';

/** How long an uploaded photo waits to be attached before the job deletes it. */
export const PHOTO_PENDING_MS = 24 * 3600_000;

/** The multipart errors of @fastify/multipart and busboy, as the API's refusals. */
function multipartRefusal(err: unknown, maxBytes: number): AppError {
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('PAYLOAD_TOO_LARGE', '一次只能上传一张照片');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('PHOTO_REQUIRED');
  // Busboy: no boundary, a malformed part header, a body cut short.
  return new AppError('BAD_REQUEST', '上传的内容不完整，请重新选择照片');
}

const MIB = 1024 * 1024;
const sizeWords = (bytes: number) => (bytes >= MIB ? `${Math.floor(bytes / MIB)}MB` : `${Math.floor(bytes / 1024)}KB`);
const tooLarge = (maxBytes: number) => new AppError('PHOTO_TOO_LARGE', `照片不能超过${sizeWords(maxBytes)}，请换一张较小的照片`);

/** Which photos a caller may attach: their own uploads for this person, waiting, not too old. */
export function attachable(ids: readonly string[], uploaderId: string, subjectId: string, now: Date): Prisma.ReportPhotoWhereInput {
  return { id: { in: [...ids] }, uploaderId, subjectId, reportId: null, createdAt: { gt: new Date(now.getTime() - PHOTO_PENDING_MS) } };
}

/**
 * Attaches the photos to the report in the caller's transaction: one conditional UPDATE (only rows
 * still unattached), so a photo is attached once even when two reports race for it; fewer rows
 * than ids refuses the whole report (the transaction rolls back).
 */
export async function attachPhotos(tx: Prisma.TransactionClient, reportId: string, ids: readonly string[] | undefined, uploaderId: string, subjectId: string, now: Date): Promise<void> {
  if (!ids || ids.length === 0) return;
  const { count } = await tx.reportPhoto.updateMany({ where: attachable(ids, uploaderId, subjectId, now), data: { reportId } });
  if (count !== ids.length) throw new AppError('REPORT_PHOTO_INVALID');
}

export const photoUrl = (reportId: string, photoId: string) => `/api/reports/${reportId}/photos/${photoId}`;

export class ReportPhotoService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /** POST /api/reports/photos: one file field; the caller acts for themself or under a REPORT grant. */
  async upload(request: FastifyRequest): Promise<ReportPhoto> {
    const { subjectId } = await this.app.policy.authorize(request, 'report.photo', { type: 'report' });
    const uploaderId = request.auth!.userId;
    const { REPORT_PHOTO_MAX_BYTES: maxBytes, REPORT_PHOTOS_MAX: max } = this.app.config;
    // Not multipart: an empty body (or `{}`) names no photo; a non-empty one was refused as 415 by the parser.
    if (!request.isMultipart()) throw new AppError('PHOTO_REQUIRED');
    let bytes: Buffer;
    try {
      const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
      if (!part) throw new AppError('PHOTO_REQUIRED');
      bytes = await part.toBuffer();
    } catch (err) {
      throw err instanceof AppError ? err : multipartRefusal(err, maxBytes);
    }
    if (bytes.length === 0) throw new AppError('PHOTO_REQUIRED');
    if (bytes.length > maxBytes) throw tooLarge(maxBytes);
    const mime = sniffImage(bytes);
    if (!mime) throw new AppError('PHOTO_TYPE_UNSUPPORTED');
    bytes = withoutMetadata(bytes, mime);
    const now = this.app.resources.clock.now();
    const row = await this.prisma.$transaction(async (tx) => {
      // One uploader and person at a time, so two uploads at once cannot both take the last place.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('palm:report-photos'), hashtext(${`${uploaderId}:${subjectId}`}))`;
      const waiting = await tx.reportPhoto.count({ where: { uploaderId, subjectId: subjectId!, reportId: null, createdAt: { gt: new Date(now.getTime() - PHOTO_PENDING_MS) } } });
      if (waiting >= max) throw new AppError('REPORT_PHOTOS_TOO_MANY', `每件反映最多附${max}张照片，请先删除不用的照片`);
      return tx.reportPhoto.create({
        data: { uploaderId, subjectId: subjectId!, mime, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: new Uint8Array(bytes), createdAt: now },
        select: { id: true, mime: true, size: true, createdAt: true },
      });
    });
    return { id: row.id, mime: row.mime as PhotoMime, size: row.size, createdAt: row.createdAt.toISOString() };
  }

  /** DELETE /api/reports/photos/:id: a photo not yet attached, by whoever uploaded it for the same person. */
  async discard(request: FastifyRequest, id: string): Promise<{ id: string }> {
    const row = await this.prisma.reportPhoto.findUnique({ where: { id }, select: { uploaderId: true, subjectId: true, reportId: true } });
    await this.app.policy.authorizeFound(request, 'report.photo', 'photo', id, row, (r) => ({ ownerIds: [r.uploaderId], personId: r.subjectId }));
    const subjectId = this.app.policy.subjectOf(request)!;
    const { count } = await this.prisma.reportPhoto.deleteMany({ where: { id, uploaderId: request.auth!.userId, subjectId, reportId: null } });
    // Someone else's upload for the same person, or one already attached: as if there were none.
    if (count === 0) throw this.app.policy.notFound('photo');
    return { id };
  }

  /** GET /api/reports/:id/photos/:photoId, after 'report.view' on the report: the bytes and their type. */
  async read(reportId: string, photoId: string): Promise<{ mime: string; bytes: Buffer }> {
    const row = await this.prisma.reportPhoto.findFirst({ where: { id: photoId, reportId }, select: { mime: true, bytes: true } });
    if (!row) throw this.app.policy.notFound('photo');
    return { mime: row.mime, bytes: Buffer.from(row.bytes) };
  }

  /** The job's step: photos never attached, a day after upload. */
  async deleteStale(): Promise<{ deleted: number }> {
    const before = new Date(this.app.resources.clock.now().getTime() - PHOTO_PENDING_MS);
    const { count } = await this.prisma.reportPhoto.deleteMany({ where: { reportId: null, createdAt: { lte: before } } });
    return { deleted: count };
  }
}
