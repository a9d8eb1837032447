// Draws the tab-bar icons and the map marker as small PNGs, and the H5 favicon (no image tools needed):
//   node scripts/draw-icons.mjs   → src/assets/*.png, src/assets/favicon.ico
// Each tab has an outline icon and a filled one for the selected tab, so the selected tab differs
// in shape as well as colour (DESIGN.md §4: colour is never the only cue). Shapes are signed
// distance functions on a unit square, 4×4 supersampled.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 81; // WeChat's recommended tab icon size (px)
const GREY = [0x59, 0x59, 0x59];
const BLUE = [0x14, 0x58, 0xd4];

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const box = (x0, y0, x1, y1) => (x, y) => {
  const dx = Math.max(x0 - x, x - x1);
  const dy = Math.max(y0 - y, y - y1);
  return dx > 0 && dy > 0 ? Math.hypot(dx, dy) : Math.max(dx, dy);
};
const ellipse = (cx, cy, rx, ry) => (x, y) => (Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry);
const polygon = (points) => (x, y) => {
  let distance = Infinity;
  let isInside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [ax, ay] = points[j];
    const [bx, by] = points[i];
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    distance = Math.min(distance, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) isInside = !isInside;
  }
  return isInside ? -distance : distance;
};
const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
const intersect = (...shapes) => (x, y) => Math.max(...shapes.map((s) => s(x, y)));

/** An icon: a body, and details that are cut out of the filled form and drawn in the outline form. */
const ICONS = {
  home: {
    body: polygon([[0.5, 0.12], [0.9, 0.48], [0.8, 0.48], [0.8, 0.88], [0.2, 0.88], [0.2, 0.48], [0.1, 0.48]]),
    details: [box(0.42, 0.62, 0.58, 0.88)],
  },
  services: {
    body: box(0.2, 0.12, 0.8, 0.88),
    details: [box(0.32, 0.3, 0.68, 0.3), box(0.32, 0.48, 0.68, 0.48), box(0.32, 0.66, 0.56, 0.66)],
  },
  me: {
    body: union(circle(0.5, 0.32, 0.17), intersect(ellipse(0.5, 0.96, 0.36, 0.38), (x, y) => y - 0.88)),
    details: [],
  },
  marker: {
    body: union(circle(0.5, 0.38, 0.3), polygon([[0.24, 0.52], [0.76, 0.52], [0.5, 0.94]])),
    details: [circle(0.5, 0.38, 0.1)],
  },
};

function coverage(icon, isFilled, x, y) {
  const stroke = 0.075;
  if (isFilled) {
    const cut = icon.details.reduce((d, s) => Math.min(d, Math.abs(s(x, y)) - stroke / 2), Infinity);
    return icon.body(x, y) < 0 && cut > 0;
  }
  return [icon.body, ...icon.details].some((s) => Math.abs(s(x, y)) < stroke / 2);
}

function render(icon, isFilled, [r, g, b]) {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (coverage(icon, isFilled, (px + (sx + 0.5) / 4) / SIZE, (py + (sy + 0.5) / 4) / SIZE)) hits++;
      row.set([r, g, b, Math.round((hits / 16) * 255)], 1 + px * 4);
    }
    rows.push(row);
  }
  return png(Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => (bytes.reduce((c, byte) => CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(scanlines) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(scanlines, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** An .ico holding one PNG image (every current browser reads PNG inside ICO). */
function ico(pngBytes) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6); // width
  header.writeUInt8(SIZE, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(pngBytes.length, 14);
  header.writeUInt32LE(22, 18); // the image follows the header
  return Buffer.concat([header, pngBytes]);
}

const out = join(import.meta.dirname, '..', 'src', 'assets');
for (const name of ['home', 'services', 'me']) {
  writeFileSync(join(out, `tab-${name}.png`), render(ICONS[name], false, GREY));
  writeFileSync(join(out, `tab-${name}-selected.png`), render(ICONS[name], true, BLUE));
}
writeFileSync(join(out, 'marker.png'), render(ICONS.marker, true, BLUE));
writeFileSync(join(out, 'favicon.ico'), ico(render(ICONS.home, true, BLUE)));
console.log(`icons written to ${out}`);
