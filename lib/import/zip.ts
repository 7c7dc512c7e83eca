/**
 * The few zip operations the importer needs, with the limits built in: read a .docx's
 * directory, inflate the parts we use with a ceiling on every part and on their sum
 * (zlib stops at the ceiling instead of filling memory), and write a zip back (for the
 * sanitised package handed to mammoth, and for the tests' generated files).
 *
 * Why not JSZip/yauzl directly: JSZip (inside mammoth) inflates a part to whatever size
 * its stream produces, and a directory can lie about sizes; bounding the inflate itself is
 * the one check a zip bomb cannot talk its way around.
 */
import zlib from "node:zlib";
import { ImportError } from "./errors";
import { LIMITS, tooComplex, tooLarge } from "./limits";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  dataStart: number;
}

const damaged = (why: string) =>
  new ImportError("UNDECODABLE", `This Word document could not be read (${why}). Open it in Word or LibreOffice, save it again as .docx, and retry.`);

/** Entries of a zip's central directory (names, sizes, where each one's data starts). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged("no zip directory");
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw tooComplex("This .docx uses the ZIP64 format, which Word does not write for documents of reading size. Save it again from Word or LibreOffice.");
  if (count > LIMITS.zipEntries)
    throw tooComplex(`This .docx holds ${count.toLocaleString("en")} files inside; a Word document has a few dozen (the limit is ${LIMITS.zipEntries.toLocaleString("en")}). Save it again from Word.`);
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw damaged("broken zip directory");
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const uncompressedSize = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw damaged("broken zip entry");
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) throw damaged("truncated zip entry");
    entries.push({ name, method, compressedSize, uncompressedSize, dataStart });
  }
  return entries;
}

/**
 * Inflate the entries `want` selects, each to at most LIMITS.zipPartBytes and all together to
 * at most LIMITS.zipTotalBytes — the declared sizes are not trusted, the inflate is capped.
 */
export function inflateEntries(bytes: Uint8Array, entries: ZipEntry[], want: (name: string) => boolean): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let total = 0;
  for (const e of entries) {
    if (!want(e.name) || e.name.endsWith("/")) continue;
    const data = Buffer.from(bytes.buffer, bytes.byteOffset + e.dataStart, e.compressedSize);
    const ceiling = Math.min(LIMITS.zipPartBytes, LIMITS.zipTotalBytes - total);
    let inflated: Buffer;
    if (e.method === 0) {
      if (data.length > ceiling) throw tooLarge("XML", LIMITS.zipPartBytes);
      inflated = data;
    } else if (e.method === 8) {
      try {
        inflated = zlib.inflateRawSync(data, { maxOutputLength: ceiling, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge("XML", ceiling < LIMITS.zipPartBytes ? LIMITS.zipTotalBytes : LIMITS.zipPartBytes);
        throw damaged(`part ${e.name} is corrupt`);
      }
    } else {
      throw damaged(`part ${e.name} uses an unusual compression method (${e.method})`);
    }
    total += inflated.length;
    out.set(e.name, inflated);
  }
  return out;
}

/** A zip of the given parts: stored (method 0) by default, deflated when `deflate` is set. */
export function writeZip(parts: { name: string; data: Uint8Array; deflate?: boolean; raw?: { deflated: Uint8Array; size: number; crc: number } }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const crc = p.raw ? p.raw.crc : zlib.crc32(p.data);
    const size = p.raw ? p.raw.size : p.data.length;
    const body = p.raw ? Buffer.from(p.raw.deflated) : p.deflate ? zlib.deflateRawSync(p.data) : Buffer.from(p.data);
    const method = p.raw || p.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}
