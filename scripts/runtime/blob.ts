// Blob (Utilities.newBlob, gzip): bytes with a content type and a name, as Google's Base.Blob.

import type { Signatures } from './gas-types';

type BlobMethods =
  | 'getBytes'
  | 'getDataAsString'
  | 'getContentType'
  | 'setContentType'
  | 'getName'
  | 'setName'
  | 'copyBlob'
  | 'setBytes'
  | 'setDataFromString'
  | 'isGoogleType'
  | 'setContentTypeFromExtension'
  | 'getBlob';

/** Content types by file extension, for setContentTypeFromExtension (the common ones). */
const typesByExtension: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  js: 'application/javascript',
  xml: 'text/xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/x-gzip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Apps Script byte arrays are Java bytes: -128..127. */
export const signedBytes = (buffer: Buffer): number[] =>
  [...buffer].map((b) => (b > 127 ? b - 256 : b));

export class BlobImpl implements Signatures<GoogleAppsScript.Base.Blob, BlobMethods> {
  static readonly serviceName = 'Blob';

  constructor(
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}

  get data(): Buffer {
    return this.bytes;
  }

  getBytes(): number[] {
    return signedBytes(this.bytes);
  }

  getDataAsString(charset?: string): string {
    return this.bytes.toString(charset === 'US_ASCII' ? 'latin1' : 'utf8');
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string | null): this {
    this.contentType = contentType === null ? null : String(contentType);
    return this;
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): this {
    this.name = String(name);
    return this;
  }

  copyBlob(): BlobImpl {
    return new BlobImpl(Buffer.from(this.bytes), this.contentType, this.name);
  }

  getBlob(): BlobImpl {
    return this;
  }

  setBytes(data: number[]): this {
    this.bytes = Buffer.from(data.map((b) => Number(b) & 0xff));
    return this;
  }

  setDataFromString(string: string, charset?: string): this {
    this.bytes = Buffer.from(String(string), charset === 'US_ASCII' ? 'latin1' : 'utf8');
    return this;
  }

  isGoogleType(): boolean {
    return false;
  }

  /** Sets the content type from the name's extension; unknown extensions throw, as on Google. */
  setContentTypeFromExtension(): this {
    const extension = /\.([^.]+)$/.exec(this.name ?? '')?.[1]?.toLowerCase();
    const type = extension ? typesByExtension[extension] : undefined;
    if (!type) throw new Error(`Could not infer a content type from the name: ${this.name}`);
    this.contentType = type;
    return this;
  }
}
