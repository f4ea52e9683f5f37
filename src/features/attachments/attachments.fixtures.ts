// Small documents for tests, built in memory: a PDF with author fields and XMP metadata, a DOCX
// and an ODT with creator fields, and a browser-like client that can post multipart forms.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, PDFName } from 'pdf-lib';

export async function pdfWithAuthor(name: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setAuthor(name);
  doc.setCreator(`${name}'s word processor`);
  doc.setProducer(`${name} Producer`);
  doc.setTitle('Notes');
  doc.addPage([200, 200]).drawText('Connectivity for rural schools', { x: 10, y: 100, size: 8 });
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${name}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;
  const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  // Plain objects, so a leftover name would show in the raw bytes.
  return doc.save({ useObjectStreams: false });
}

const DOCX_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

export function docxWithAuthor(name: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(DOCX_TYPES),
    'word/document.xml': strToU8(
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:ins w:id="1" w:author="' +
        name +
        '" w:date="2026-03-04T10:11:12Z"><w:r><w:t>Text</w:t></w:r></w:ins></w:p></w:body></w:document>',
    ),
    'word/comments.xml': strToU8(
      `<w:comments xmlns:w="x"><w:comment w:id="0" w:author="${name}" w:initials="ZQ" w:date="2026-03-04T10:11:12Z"/></w:comments>`,
    ),
    'docProps/core.xml': strToU8(
      `<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:creator>${name}</dc:creator><cp:lastModifiedBy>${name}</cp:lastModifiedBy></cp:coreProperties>`,
    ),
    'docProps/app.xml': strToU8(
      `<Properties xmlns="z"><Company>${name} Foundation</Company><Manager>${name}</Manager><Pages>1</Pages></Properties>`,
    ),
  });
}

export function odtWithAuthor(name: string): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(
      `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:annotation><dc:creator>${name}</dc:creator><dc:date>2026-03-04T10:11:12</dc:date></office:annotation></office:document-content>`,
    ),
    'meta.xml': strToU8(
      `<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:initial-creator>${name}</meta:initial-creator><dc:creator>${name}</dc:creator></office:meta></office:document-meta>`,
    ),
  });
}

/** A browser session that keeps cookies and the last CSRF token, and can upload a file. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies as Array<{ name: string; value: string }>)
      this.cookies.set(c.name, c.value);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }),
    );
  }

  async post(url: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({ _csrf: this.csrf, ...fields }).toString();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: this.cookieHeader(),
        },
      }),
    );
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.get('/account/sign-in');
    const response = await this.post('/account/sign-in', { email, password });
    if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
    await this.get('/search');
  }

  /** Posts multipart/form-data: the CSRF token as a field (default), as a header, or forged. */
  async upload(
    url: string,
    file: { name: string; data: Uint8Array },
    csrf: { field?: string | null; header?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const boundary = `----polylogue${Math.random().toString(16).slice(2)}`;
    const token = csrf.field === undefined ? this.csrf : csrf.field;
    const parts: Buffer[] = [];
    if (token !== null)
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`,
        ),
      );
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(file.data),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const headers: Record<string, string> = {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: this.cookieHeader(),
      ...(csrf.header ? { 'x-csrf-token': csrf.header } : {}),
    };
    return this.remember(
      await this.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers }),
    );
  }
}
