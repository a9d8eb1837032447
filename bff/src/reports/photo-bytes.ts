// What a report photo's bytes are, and what of them is kept. The type comes from the file's own
// first bytes (magic numbers), never from the client's label. Location and camera metadata are
// dropped before storing: a JPEG's APP1 segments (Exif, with GPS, and XMP) and a PNG's eXIf chunk —
// a phone photo of a hall's notice should not tell the staff where the person lives. Anything not
// understood is stored as sent rather than broken (the image still has to open).
export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type a file really is, from its first bytes; null for anything else. */
export function sniffImage(bytes: Buffer): PhotoMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** JPEG: every marker segment up to the image data, less APP1 (0xFFE1: Exif and XMP). */
function stripJpeg(bytes: Buffer): Buffer {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return bytes;
    const marker = bytes[at + 1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Start of scan (the compressed image, to the end) or end of image: the rest as it is.
    if (marker === 0xda || marker === 0xd9) return Buffer.concat([...kept, bytes.subarray(at)]);
    const end = at + 2 + bytes.readUInt16BE(at + 2);
    if (end > bytes.length) return bytes;
    if (marker !== 0xe1) kept.push(bytes.subarray(at, end));
    at = end;
  }
  return bytes;
}

/** PNG: every chunk but eXIf. */
function stripPng(bytes: Buffer): Buffer {
  const kept: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const end = at + 12 + bytes.readUInt32BE(at);
    if (end > bytes.length) return bytes;
    if (bytes.toString('latin1', at + 4, at + 8) !== 'eXIf') kept.push(bytes.subarray(at, end));
    at = end;
  }
  return at === bytes.length ? Buffer.concat(kept) : bytes;
}

/** The bytes to store: without location and camera metadata where the format is understood. */
export function withoutMetadata(bytes: Buffer, mime: PhotoMime): Buffer {
  if (mime === 'image/jpeg') return stripJpeg(bytes);
  if (mime === 'image/png') return stripPng(bytes);
  return bytes;
}
