// 办不成事 photos on real PostgreSQL (issue 16): multipart upload (what uploadFile sends) with the
// type decided by the file's magic bytes, a size limit and at most three per report in the error
// shape; attached to the caller's own report in its transaction (someone else's photo, or one used
// already, refuses the report and changes nothing); read back only by whoever may view the report
// (anyone else gets the same 404 as for a random id); the job deletes photos never attached.
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { runReportJobs } from '../../src/reports/jobs';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { codeOf, DAY, reportFixtures, type Person } from './fixtures';

/** Above the JSON body limit (256 KiB), which does not apply to multipart uploads. */
const MAX_BYTES = 512 * 1024;
/** SOI, a JFIF APP0 segment, then the scan: nothing for the metadata filter to drop. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]), randomBytes(200), Buffer.from([0xff, 0xd9])]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(200)]);

/** A multipart/form-data body with one file field, as mini-program uploadFile sends it. */
function form(bytes: Buffer, filename: string, type: string, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----palm${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface PhotoJson {
  id: string;
  mime: string;
  size: number;
}

describe('/api/reports photos', () => {
  let t: TestApp;
  const f = reportFixtures(() => t, '1376');
  let supervisor: Person;
  let clerk: Person;
  let clerkElsewhere: Person;
  let supervisorElsewhere: Person;

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', REPORT_PHOTO_MAX_BYTES: String(MAX_BYTES) } });
    ({ supervisor, clerk, clerkElsewhere, supervisorElsewhere } = await f.staffCast());
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const upload = (who: Person, bytes: Buffer, filename = 'photo.jpg', type = 'image/jpeg', headers: Record<string, string> = {}): Promise<LightMyRequestResponse> => {
    const body = form(bytes, filename, type);
    return t.app.inject({ method: 'POST', url: '/api/reports/photos', headers: { authorization: `Bearer ${who.token}`, ...body.headers, ...headers }, payload: body.payload });
  };
  const uploaded = async (who: Person, bytes = JPEG, headers: Record<string, string> = {}): Promise<string> => {
    const res = await upload(who, bytes, 'photo.jpg', 'image/jpeg', headers);
    expect(res.statusCode).toBe(201);
    return res.json<PhotoJson>().id;
  };
  const read = (who: Person | null, url: string, headers: Record<string, string> = {}) => f.call(who, 'GET', url, undefined, headers);
  const refusal = (res: LightMyRequestResponse) => [res.statusCode, codeOf(res), res.headers['cache-control']];

  it('takes JPEG, PNG and WebP, typed by their magic bytes, not by the client’s label', async () => {
    const me = await f.citizen();
    const jpeg = await upload(me, JPEG, 'a.jpg', 'image/jpeg');
    const png = await upload(me, PNG, 'b.png', 'application/octet-stream');
    const webp = await upload(me, WEBP, 'c.jpg', 'image/jpeg');
    expect([jpeg, png, webp].map((r) => [r.statusCode, r.json<PhotoJson>().mime, r.json<PhotoJson>().size])).toEqual([
      [201, 'image/jpeg', JPEG.length],
      [201, 'image/png', PNG.length],
      [201, 'image/webp', WEBP.length],
    ]);
    expect(jpeg.headers['cache-control']).toBe('no-store');
    const row = await t.app.prisma.reportPhoto.findUniqueOrThrow({ where: { id: webp.json<PhotoJson>().id } });
    expect({ uploader: row.uploaderId, subject: row.subjectId, report: row.reportId, bytes: Buffer.from(row.bytes).equals(WEBP), sha: row.sha256.length }).toEqual({ uploader: me.id, subject: me.id, report: null, bytes: true, sha: 64 });
  });

  it('drops location and camera metadata before storing: a JPEG’s Exif (APP1) segment, a PNG’s eXIf chunk', async () => {
    const me = await f.citizen();
    const segment = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
    const jfif = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
    const exif = segment(0xe1, Buffer.from('Exif\0\0GPSLatitude 28.123N GPSLongitude 116.456E', 'latin1'));
    const quant = segment(0xdb, randomBytes(65));
    const scan = Buffer.concat([Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]), randomBytes(100), Buffer.from([0xff, 0xd9])]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, exif, quant, scan]);
    const sent = await upload(me, jpeg);
    expect([sent.statusCode, sent.json().mime, sent.json().size]).toEqual([201, 'image/jpeg', jpeg.length - exif.length]);
    const stored = Buffer.from((await t.app.prisma.reportPhoto.findUniqueOrThrow({ where: { id: sent.json().id } })).bytes);
    expect(stored.equals(Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, quant, scan]))).toBe(true);
    expect(stored.includes('GPSLatitude')).toBe(false);

    const chunk = (type: string, data: Buffer) => Buffer.concat([Buffer.from([0, 0, data.length >> 8, data.length & 0xff]), Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [ihdr, exifChunk, idat, iend] = [chunk('IHDR', randomBytes(13)), chunk('eXIf', Buffer.from('MM\0*GPS 28.1N', 'latin1')), chunk('IDAT', randomBytes(40)), chunk('IEND', Buffer.alloc(0))];
    const png = await upload(me, Buffer.concat([head, ihdr, exifChunk, idat, iend]), 'a.png', 'image/png');
    const storedPng = Buffer.from((await t.app.prisma.reportPhoto.findUniqueOrThrow({ where: { id: png.json().id } })).bytes);
    expect(storedPng.equals(Buffer.concat([head, ihdr, idat, iend]))).toBe(true);
  });

  it('refuses a text file labelled image/jpeg (415), one over the limit (413) and a fourth waiting photo (422), in the error shape', async () => {
    const me = await f.citizen();
    const before = await t.app.prisma.reportPhoto.count();
    const text = await upload(me, Buffer.from('这不是照片，只是改了名字的文本文件。'), 'note.jpg', 'image/jpeg');
    expect(refusal(text)).toEqual([415, 'PHOTO_TYPE_UNSUPPORTED', 'no-store']);
    expect(text.json()).toEqual({ error: { code: 'PHOTO_TYPE_UNSUPPORTED', message: '这个文件不是照片，只能上传jpg、png或webp格式的照片' } });
    const big = await upload(me, Buffer.concat([JPEG, randomBytes(MAX_BYTES)]));
    expect(refusal(big)).toEqual([413, 'PHOTO_TOO_LARGE', 'no-store']);
    expect(big.json().error.message).toBe('照片不能超过512KB，请换一张较小的照片');
    // Larger than a JSON body may be, within the photo limit: taken.
    const large = await upload(me, Buffer.concat([JPEG, randomBytes(300 * 1024)]));
    expect([large.statusCode, large.json().size]).toEqual([201, JPEG.length + 300 * 1024]);
    await t.app.prisma.reportPhoto.delete({ where: { id: large.json().id } });
    expect(await t.app.prisma.reportPhoto.count()).toBe(before);

    const ids = [await uploaded(me), await uploaded(me, PNG), await uploaded(me, WEBP)];
    const fourth = await upload(me, JPEG);
    expect(refusal(fourth)).toEqual([422, 'REPORT_PHOTOS_TOO_MANY', 'no-store']);
    expect(fourth.json().error.message).toBe('每件反映最多附3张照片，请先删除不用的照片');
    // 删除 one, and there is room again.
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/reports/photos/${ids[0]}`, headers: { authorization: `Bearer ${me.token}` } });
    expect([gone.statusCode, gone.json()]).toEqual([200, { id: ids[0] }]);
    expect((await upload(me, JPEG)).statusCode).toBe(201);
  });

  it('over real HTTP, answers a file over the limit with its 413 in the error shape (the rest of the upload is read, not reset)', async () => {
    const me = await f.citizen();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const body = new FormData();
    body.append('file', new Blob([Buffer.concat([JPEG, randomBytes(2 * MAX_BYTES)])], { type: 'image/jpeg' }), 'big.jpg');
    const big = await fetch(`${address}/api/reports/photos`, { method: 'POST', headers: { authorization: `Bearer ${me.token}` }, body });
    expect([big.status, await big.json()]).toEqual([413, { error: { code: 'PHOTO_TOO_LARGE', message: '照片不能超过512KB，请换一张较小的照片' } }]);
    const ok = new FormData();
    ok.append('file', new Blob([PNG], { type: 'image/png' }), 'small.png');
    const res = await fetch(`${address}/api/reports/photos`, { method: 'POST', headers: { authorization: `Bearer ${me.token}` }, body: ok });
    expect([res.status, ((await res.json()) as PhotoJson).mime]).toEqual([201, 'image/png']);
  });

  it('answers a body that is not one photo with a clear 4xx, never a 500', async () => {
    const me = await f.citizen();
    const post = (headers: Record<string, string>, payload?: string | Buffer) =>
      t.app.inject({ method: 'POST', url: '/api/reports/photos', headers: { authorization: `Bearer ${me.token}`, ...headers }, ...(payload === undefined ? {} : { payload }) });
    const boundary = '----palmempty';
    const replies = [
      await post({}),
      await post({ 'content-type': 'application/json' }, '{}'),
      await post({ 'content-type': 'text/plain' }, 'hello'),
      await post({ 'content-type': 'multipart/form-data' }, 'no boundary'),
      await post({ 'content-type': `multipart/form-data; boundary=${boundary}` }, `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--${boundary}--\r\n`),
      await post({ 'content-type': `multipart/form-data; boundary=${boundary}` }, `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8`),
      await upload(me, Buffer.alloc(0)),
    ];
    expect(replies.map((r) => [r.statusCode, codeOf(r)])).toEqual([
      [400, 'PHOTO_REQUIRED'],
      [400, 'PHOTO_REQUIRED'],
      [415, 'UNSUPPORTED_MEDIA_TYPE'],
      [400, 'BAD_REQUEST'],
      [400, 'PHOTO_REQUIRED'],
      [400, 'BAD_REQUEST'],
      [400, 'PHOTO_REQUIRED'],
    ]);
    // Elsewhere a multipart body is still not accepted.
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/reports', headers: { authorization: `Bearer ${me.token}`, ...form(JPEG, 'a.jpg', 'image/jpeg').headers }, payload: form(JPEG, 'a.jpg', 'image/jpeg').payload });
    expect([elsewhere.statusCode, codeOf(elsewhere)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/reports/photos', ...form(JPEG, 'a.jpg', 'image/jpeg') });
    expect([anonymous.statusCode, codeOf(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('attaches the caller’s own photos to the report, lists them, and serves them to the reporter with their type', async () => {
    const me = await f.citizen();
    const ticketId = await f.finishedTicket(me.id);
    const ids = [await uploaded(me, PNG), await uploaded(me, JPEG)];
    const res = await f.report(me, { ticketId }, { photoIds: ids });
    expect(res.statusCode).toBe(201);
    const report = res.json<{ id: string; photos: Array<{ id: string; url: string }> }>();
    expect(report.photos).toEqual(ids.map((id) => ({ id, url: `/api/reports/${report.id}/photos/${id}` })));
    const png = await read(me, report.photos[0]!.url);
    expect([png.statusCode, png.headers['content-type'], png.headers['cache-control'], png.headers['x-content-type-options']]).toEqual([200, 'image/png', 'private, no-store', 'nosniff']);
    expect(png.rawPayload.equals(PNG)).toBe(true);
    expect((await f.call(me, 'GET', `/api/reports/${report.id}`)).json().photos).toEqual(report.photos);

    // Used once: a second report with the same photo is refused, and no report is made.
    const again = await f.report(me, { ticketId: await f.finishedTicket(me.id) }, { photoIds: [ids[0]] });
    expect([again.statusCode, codeOf(again)]).toEqual([422, 'REPORT_PHOTO_INVALID']);
    expect(await t.app.prisma.report.count({ where: { reporterId: me.id } })).toBe(1);
    // Attached: no longer discardable.
    const discard = await t.app.inject({ method: 'DELETE', url: `/api/reports/photos/${ids[0]}`, headers: { authorization: `Bearer ${me.token}` } });
    expect([discard.statusCode, codeOf(discard)]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses someone else’s photo id and changes nothing: no report, the photo still waiting for its owner', async () => {
    const owner = await f.citizen();
    const other = await f.citizen();
    const theirs = await uploaded(owner);
    const before = await t.app.prisma.report.count();
    const res = await f.report(other, { ticketId: await f.finishedTicket(other.id) }, { photoIds: [theirs] });
    expect([res.statusCode, codeOf(res)]).toEqual([422, 'REPORT_PHOTO_INVALID']);
    expect(await t.app.prisma.report.count()).toBe(before);
    expect((await t.app.prisma.reportPhoto.findUniqueOrThrow({ where: { id: theirs } })).reportId).toBeNull();
    const discard = await t.app.inject({ method: 'DELETE', url: `/api/reports/photos/${theirs}`, headers: { authorization: `Bearer ${other.token}` } });
    const random = await t.app.inject({ method: 'DELETE', url: `/api/reports/photos/${f.newId()}`, headers: { authorization: `Bearer ${other.token}` } });
    expect([discard.statusCode, discard.json()]).toEqual([404, random.json()]);
    // The owner can still use it.
    expect((await f.report(owner, { ticketId: await f.finishedTicket(owner.id) }, { photoIds: [theirs] })).statusCode).toBe(201);
  });

  it('attaches a photo once when two reports race for it', async () => {
    const me = await f.citizen();
    const id = await uploaded(me);
    const [a, b] = await Promise.all([f.report(me, { ticketId: await f.finishedTicket(me.id) }, { photoIds: [id] }), f.report(me, { ticketId: await f.finishedTicket(me.id) }, { photoIds: [id] })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 422]);
    expect(await t.app.prisma.report.count({ where: { reporterId: me.id } })).toBe(1);
  });

  it('serves the photo to the reporter, a REPORT grantee and the hall’s staff; to anyone else it is a random id’s 404', async () => {
    const owner = await f.citizen();
    const son = await f.citizen();
    const otherHelper = await f.citizen();
    const stranger = await f.citizen();
    await f.grant(owner.id, son.id, ['REPORT']);
    await f.grant(owner.id, otherHelper.id, ['QUEUE']);
    const id = await uploaded(owner, WEBP);
    const report = (await f.report(owner, { ticketId: await f.finishedTicket(owner.id) }, { photoIds: [id] })).json<{ id: string; photos: Array<{ url: string }> }>();
    const url = report.photos[0]!.url;
    const allowed = [await read(owner, url), await read(son, url, { 'x-on-behalf-of': owner.id }), await read(supervisor, url), await read(clerk, url)];
    expect(allowed.map((r) => [r.statusCode, r.headers['content-type'], r.rawPayload.equals(WEBP)])).toEqual(allowed.map(() => [200, 'image/webp', true]));

    const randomReport = `/api/reports/${f.newId()}/photos/${id}`;
    for (const [who, headers] of [[stranger, {}], [clerkElsewhere, {}], [supervisorElsewhere, {}], [otherHelper, { 'x-on-behalf-of': owner.id }], [son, {}]] as const) {
      const real = await read(who, url, headers);
      const random = await read(who, randomReport, headers);
      expect([real.statusCode, real.json(), real.headers['content-type']]).toEqual([404, random.json(), 'application/json; charset=utf-8']);
      expect(real.json().error.message).toBe('没有找到该反映');
    }
    // The reporter with another report's photo id, or a random one: the photo's 404.
    const mine = await read(owner, `/api/reports/${report.id}/photos/${f.newId()}`);
    expect([mine.statusCode, mine.json().error.message]).toEqual([404, '没有找到该照片']);
    expect((await read(null, url)).statusCode).toBe(401);
  });

  it('lets a REPORT grantee upload and attach for the person (not the person’s own uploads), and refuses one without the grant', async () => {
    const owner = await f.citizen();
    const son = await f.citizen();
    const neighbour = await f.citizen();
    await f.grant(owner.id, son.id, ['REPORT']);
    await f.grant(owner.id, neighbour.id, ['QUEUE']);
    const forHer = { 'x-on-behalf-of': owner.id };
    const sons = await uploaded(son, JPEG, forHer);
    expect(await t.app.prisma.reportPhoto.findUniqueOrThrow({ where: { id: sons }, select: { uploaderId: true, subjectId: true } })).toEqual({ uploaderId: son.id, subjectId: owner.id });
    const hers = await uploaded(owner);
    const ticketId = await f.finishedTicket(owner.id);
    const withHers = await f.report(son, { ticketId }, { photoIds: [hers] }, forHer);
    expect([withHers.statusCode, codeOf(withHers)]).toEqual([422, 'REPORT_PHOTO_INVALID']);
    // His own upload for himself is not one for her either.
    const his = await uploaded(son);
    expect(codeOf(await f.report(son, { ticketId }, { photoIds: [his] }, forHer))).toBe('REPORT_PHOTO_INVALID');
    const ok = await f.report(son, { ticketId }, { photoIds: [sons] }, forHer);
    expect([ok.statusCode, ok.json().photos.map((p: { id: string }) => p.id)]).toEqual([201, [sons]]);
    const refused = await upload(neighbour, JPEG, 'a.jpg', 'image/jpeg', forHer);
    expect([refused.statusCode, codeOf(refused)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
  });

  it('limits uploads per person: 20 a minute, then 429 in the error shape with retry-after', async () => {
    const me = await f.citizen();
    const replies: number[] = [];
    for (let i = 0; i < 21; i += 1) replies.push((await upload(me, Buffer.from('not a photo'))).statusCode);
    expect(replies.slice(0, 20).every((s) => s === 415)).toBe(true);
    const last = await upload(me, JPEG);
    expect([last.statusCode, codeOf(last), /^\d+$/.test(String(last.headers['retry-after']))]).toEqual([429, 'RATE_LIMITED', true]);
    expect(replies[20]).toBe(429);
  });

  it('takes photos on a clerk’s walk-in report', async () => {
    const id = await uploaded(clerk, PNG);
    const res = await f.call(clerk, 'POST', '/api/reports/walk-in', { text: '老人反映窗口不收现金。', photoIds: [id] });
    expect(res.statusCode).toBe(201);
    const report = res.json<{ id: string; photos: Array<{ id: string; url: string }> }>();
    expect(report.photos.map((p) => p.id)).toEqual([id]);
    expect((await read(supervisor, report.photos[0]!.url)).statusCode).toBe(200);
  });

  it('deletes photos never attached a day after upload (the report job’s step), and keeps the rest', async () => {
    const me = await f.citizen();
    const [stale, fresh, attached] = [await uploaded(me), await uploaded(me), await uploaded(me)];
    await f.report(me, { ticketId: await f.finishedTicket(me.id) }, { photoIds: [attached] });
    const longAgo = new Date(t.resources.clock.now().getTime() - DAY - 60_000);
    await t.app.prisma.reportPhoto.updateMany({ where: { id: { in: [stale, attached] } }, data: { createdAt: longAgo } });
    // Too old to attach, even before the job has run.
    expect(codeOf(await f.report(me, { ticketId: await f.finishedTicket(me.id) }, { photoIds: [stale] }))).toBe('REPORT_PHOTO_INVALID');
    const result = await runReportJobs(t.app);
    expect(result).toMatchObject({ 'stale-photos': { deleted: 1 } });
    const left = await t.app.prisma.reportPhoto.findMany({ where: { uploaderId: me.id }, select: { id: true } });
    expect(left.map((p) => p.id).sort()).toEqual([fresh, attached].sort());
  });
});
