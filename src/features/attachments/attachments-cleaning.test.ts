// The allow-list cleaners, through HTTP: a crafted corpus (DOCX, ODT, PDF) that carries every
// identity a probe found in real files is attached under chatham_house, the served file is read
// back — raw bytes, every zip part and name, every decompressed PDF stream — and no planted marker
// may be left, while the text, web links and pictures still open in the readers people use.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strToU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import type { PDFString } from 'pdf-lib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import type { Actor } from '../../shared/actor.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { seedWorld, type World } from '../open-data/open-data.fixtures.ts';
import { pdfText } from '../reports/report-readback.ts';
import { Browser } from './attachments.fixtures.ts';
import {
  assertCleanImage,
  latin1,
  leftovers,
  pdfTexts,
  zipTexts,
} from './cleaning-readback.fixtures.ts';
import { pngClaiming, pngWithMetadata } from './image-corpus.fixtures.ts';
import { parseXml } from './office-xml.ts';
import {
  DOCX_MARKERS,
  docxCorpus,
  docxReferencing,
  docxWithBody,
  SVG_BLIP_EXTENSION,
  VISIBLE,
} from './office-corpus.fixtures.ts';
import { encryptedOdt, ODT_MARKERS, odtCorpus } from './odt-corpus.fixtures.ts';
import { PDF_MARKERS, PDF_VISIBLE, pdfCorpus } from './pdf-corpus.fixtures.ts';

const PASSWORD = 'long password 123';
for (const dialect of testDialects()) {
  describe(`attachment cleaning (${dialect})`, () => {
    let t: TestApp;
    let world: World;
    let author: Actor;
    let browser: Browser;
    let n = 0;
    before(async () => {
      t = await startTestApp(dialect);
      world = await seedWorld(t);
      author = await world.actorFor('ines@example.org', 'Ines Example');
      browser = new Browser(t.app);
      await browser.signIn('ines@example.org', PASSWORD);
    });
    after(() => t.close());

    /** Attaches a file to a fresh submission under the rule; returns the upload's response and the served file. */
    async function attach(rule: string, name: string, data: Uint8Array) {
      const { slug } = await world.openConsultation(rule, `Cleaning ${rule} ${++n}`);
      const { id } = await t.services.submissions.submit(author, slug, {
        idempotencyKey: `cleaning-${n}`,
        language: 'en',
        freeText: 'See the attached file.',
        answers: [],
      });
      const response = await browser.upload(`/my/submissions/${id}/attachments`, { name, data });
      const [attachment] = (await t.services.attachments.ownView(author, id)).attachments;
      const served = attachment ? await browser.get(`/attachments/${attachment.id}`) : undefined;
      return {
        response,
        served: served?.rawPayload,
        submissionId: id,
        attachmentId: attachment?.id,
      };
    }

    test('when a DOCX carrying identities is attached under chatham_house, then none is left and mammoth still reads its text, web link and pictures', async () => {
      const { response, served } = await attach('chatham_house', 'notes.docx', await docxCorpus());
      assert.equal(response.statusCode, 303);
      assert.ok(served);
      assert.deepEqual(leftovers(zipTexts(served), DOCX_MARKERS), []);
      const parts = unzipSync(served);
      assert.deepEqual(
        Object.keys(parts).filter((name) => /customXml|docProps|people|printer/.test(name)),
        [],
        'no part beyond what a reader needs',
      );
      assert.deepEqual(
        Object.keys(parts).filter((name) => name.startsWith('word/media/')),
        ['word/media/image1.jpeg', 'word/media/image2.png'],
        'a picture only deleted text showed is not kept',
      );
      assert.match(
        latin1(parts['word/settings.xml'] ?? new Uint8Array()),
        /<w:settings [^>]*><w:evenAndOddHeaders\/><\/w:settings>/,
        'of the settings only the layout is kept',
      );
      const comments = latin1(parts['word/comments.xml'] ?? new Uint8Array());
      assert.match(comments, /<w:comment w:id="0" w:author="">/, 'comments stay, by nobody');
      assert.ok(comments.includes(VISIBLE.comment));
      const html = (
        await mammoth.convertToHtml({ buffer: served }, { styleMap: ['comment-reference => sup'] })
      ).value;
      assert.ok(html.includes(VISIBLE.comment), 'mammoth still finds the comment');
      for (const text of [
        VISIBLE.text,
        VISIBLE.inserted,
        VISIBLE.commented,
        VISIBLE.fieldResult,
        'local file link',
      ])
        assert.ok(html.includes(text), `"${text}" is still there`);
      assert.match(html, new RegExp(`<a href="${VISIBLE.webLink}">kept web link</a>`));
      assert.doesNotMatch(html, /href="(file:|\\\\)/);
      const images = [...html.matchAll(/<img src="data:image\/(?:png|jpeg);base64,([^"]+)"/g)];
      assert.equal(images.length, 3, 'the three pictures are still shown');
      for (const [i, [, base64]] of images.entries())
        await assertCleanImage(Buffer.from(base64 ?? '', 'base64'), `picture ${i + 1}`);
      const rels = Object.entries(parts).filter(([name]) => name.endsWith('.rels'));
      for (const [name, xml] of rels)
        for (const external of latin1(xml).matchAll(/Target="([^"]*)" TargetMode="External"/g))
          assert.match(
            external[1] ?? '',
            /^(https?:|mailto:)/,
            `${name} points outside only to the web`,
          );
    });

    test('when an ODT carrying identities is attached under chatham_house, then none is left and its text, web link and picture remain', async () => {
      const { response, served } = await attach('chatham_house', 'notes.odt', await odtCorpus());
      assert.equal(response.statusCode, 303);
      assert.ok(served);
      assert.deepEqual(leftovers(zipTexts(served), ODT_MARKERS), []);
      const parts = unzipSync(served);
      assert.equal(Object.keys(parts)[0], 'mimetype');
      assert.deepEqual(Object.keys(parts).sort(), [
        'META-INF/manifest.xml',
        'Pictures/image1.jpeg',
        'Pictures/image2.png',
        'content.xml',
        'meta.xml',
        'mimetype',
        'styles.xml',
      ]);
      const content = parseXml(parts['content.xml']);
      const text = content.documentElement?.textContent ?? '';
      for (const visible of [
        VISIBLE.text,
        VISIBLE.commented,
        'kept web link',
        'local file link',
        'section text',
        'annotation body',
      ])
        assert.ok(text.includes(visible), `"${visible}" is still there`);
      const hrefs = Array.from(content.getElementsByTagName('*'))
        .map((e) => e.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))
        .filter(Boolean);
      assert.deepEqual(hrefs, [VISIBLE.webLink, 'Pictures/image1.jpeg', 'Pictures/image2.png']);
      await assertCleanImage(parts['Pictures/image1.jpeg'] ?? new Uint8Array(), 'the picture');
      const manifest = latin1(parts['META-INF/manifest.xml'] ?? new Uint8Array());
      for (const name of Object.keys(parts).filter(
        (p) => p !== 'mimetype' && !p.startsWith('META-INF'),
      ))
        assert.ok(manifest.includes(`manifest:full-path="${name}"`), `${name} is in the manifest`);
    });

    test('when a PDF carrying identities and scripts is attached under chatham_house, then none is left and its text, filled field, image and web link remain', async () => {
      const { response, served } = await attach('chatham_house', 'notes.pdf', await pdfCorpus());
      assert.equal(response.statusCode, 303);
      assert.ok(served);
      const doc = await PDFDocument.load(served, { updateMetadata: false });
      assert.deepEqual(leftovers(pdfTexts(served, doc), PDF_MARKERS), []);
      assert.ok(
        pdfTexts(served, doc).some((text) => text.includes('(100% kept) Tj')),
        'a % inside a string is text, not a comment',
      );
      assert.equal(doc.context.trailerInfo.Info, undefined, 'no document information');
      assert.deepEqual(
        doc.catalog
          .keys()
          .map((k) => k.asString())
          .sort(),
        ['/Pages', '/Type'],
        'no metadata, names, open action or form in the catalogue',
      );
      const text = await pdfText(served);
      assert.ok(text.includes(PDF_VISIBLE.text), 'the page text is still there');
      assert.ok(text.includes(PDF_VISIBLE.field), 'the filled-in field is flattened into the page');
      const [page, annex] = doc.getPages();
      const annotations = (
        page?.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []
      ).map((a) => doc.context.lookupMaybe(a, PDFDict));
      assert.equal(
        annotations.length,
        2,
        'of the annotations only the web link and the page link are left',
      );
      const action = annotations[0]?.lookupMaybe(PDFName.of('A'), PDFDict);
      assert.equal(
        (action?.lookup(PDFName.of('URI')) as PDFString | undefined)?.decodeText(),
        PDF_VISIBLE.webLink,
      );
      assert.equal(
        annotations[1]?.lookupMaybe(PDFName.of('Dest'), PDFArray)?.get(0),
        annex?.ref,
        'the link to the annex still leads there',
      );
      const jpegs = [...doc.context.enumerateIndirectObjects()].filter(
        ([, o]) =>
          o instanceof PDFRawStream &&
          o.dict.lookup(PDFName.of('Filter')) === PDFName.of('DCTDecode'),
      );
      assert.equal(jpegs.length, 1, 'the image is still there');
      const [jpx] = [...doc.context.enumerateIndirectObjects()].filter(
        ([, o]) =>
          o instanceof PDFRawStream &&
          o.dict.lookup(PDFName.of('Filter')) === PDFName.of('JPXDecode'),
      );
      const boxes = latin1((jpx?.[1] as PDFRawStream | undefined)?.contents ?? new Uint8Array());
      assert.match(
        boxes,
        /jP {2}[\s\S]*ftyp[\s\S]*jp2h[\s\S]*jp2c\xff\x4f\xff\x51/,
        'the JPEG 2000 picture keeps what draws it',
      );
      await assertCleanImage((jpegs[0]?.[1] as PDFRawStream).contents, 'the image');
    });

    test('when a DOCX shows an SVG picture with its PNG stand-in, then the PNG is kept and the SVG left behind', async () => {
      const png = await pngWithMetadata({ author: 'ZqSvgFallback', xmp: 'ZqSvgFallback' });
      const svg = strToU8(
        '<svg xmlns="http://www.w3.org/2000/svg"><title>ZqSvgTitle</title></svg>',
      );
      const file = docxReferencing('image', 'media/image1.png', png, {
        target: 'media/image2.svg',
        data: svg,
        blip: SVG_BLIP_EXTENSION,
      });
      const { response, served } = await attach('chatham_house', 'icon.docx', file);
      assert.equal(response.statusCode, 303);
      assert.ok(served);
      assert.deepEqual(leftovers(zipTexts(served), ['ZqSvgFallback', 'ZqSvgTitle', 'svgBlip']), []);
      assert.deepEqual(
        Object.keys(unzipSync(served)).filter((name) => name.startsWith('word/media/')),
        ['word/media/image1.png'],
      );
    });

    test('when a document holds content that cannot be rebuilt, then it is refused with a translated reason and nothing is stored', async () => {
      const chart = docxReferencing('chart', 'charts/chart1.xml', strToU8('<c:chartSpace/>'));
      const emf = docxReferencing(
        'image',
        'media/image1.emf',
        strToU8('\u0001\u0000\u0000\u0000 EMF drawing'),
      );
      for (const [name, file] of [
        ['chart.docx', chart],
        ['drawing.docx', emf],
      ] as const) {
        const refused = await attach('chatham_house', name, file);
        assert.equal(refused.response.statusCode, 422, name);
        assert.match(
          refused.response.body,
          /role="alert"[^>]*>[^<]*a chart, an embedded object/,
          name,
        );
        assert.match(refused.response.body, /Export it as PDF/, name);
        assert.equal(refused.attachmentId, undefined, `${name} is not stored`);
      }
      const bomb = docxReferencing('image', 'media/image1.png', pngClaiming(10_000, 10_000));
      const huge = await attach('chatham_house', 'huge.docx', bomb);
      assert.equal(huge.response.statusCode, 422);
      assert.match(huge.response.body, /too large to be rebuilt/);
      const malformed = docxReferencing(
        'image',
        'media/%E0%A4%A.png',
        await pngWithMetadata({ author: 'x', xmp: 'x' }),
      );
      const unreadable = await attach('chatham_house', 'malformed.docx', malformed);
      assert.equal(
        unreadable.response.statusCode,
        422,
        'a malformed path is a damaged file, not a server error',
      );
      assert.match(unreadable.response.body, /could not be read/);
      const paragraph =
        '<w:p><w:r><w:t>Paragraph about connectivity for rural schools.</w:t></w:r></w:p>';
      const long = docxWithBody(paragraph.repeat(Math.ceil((8 * 1024 * 1024) / paragraph.length)));
      const tooLong = await attach('chatham_house', 'long.docx', long);
      assert.equal(
        tooLong.response.statusCode,
        422,
        'a few kilobytes that unpack to megabytes of markup',
      );
      assert.match(tooLong.response.body, /too long to be rebuilt here/);
      const locked = await attach('attributed', 'locked.odt', encryptedOdt());
      assert.equal(locked.response.statusCode, 422);
      assert.match(locked.response.body, /password-protected/);
      await browser.get('/search?lang=fr');
      const french = await attach('anonymous', 'chart.docx', chart);
      await browser.get('/search?lang=en');
      assert.equal(french.response.statusCode, 422);
      assert.match(french.response.body, /Exportez-le en PDF/);
    });

    test('when the rule is anonymous, then neither the public nor the secretariat learns the file name, and the names inside the file are neutral', async () => {
      const { submissionId, attachmentId, served } = await attach(
        'anonymous',
        'Ines Example - position.docx',
        await docxCorpus(),
      );
      assert.ok(served && attachmentId);
      assert.deepEqual(
        Object.keys(unzipSync(served)).filter((name) => name.includes('media/')),
        ['word/media/image1.jpeg', 'word/media/image2.png'],
      );
      const review = await t.services.attachments.download(world.secretariat, attachmentId);
      assert.equal(review.fileName, `submission-${submissionId}-1.docx`);
      await t.services.submissions.moderate(world.secretariat, submissionId, { action: 'publish' });
      const visitor = await t.client().get(`/attachments/${attachmentId}`);
      assert.equal(visitor.statusCode, 200);
      assert.doesNotMatch(String(visitor.headers['content-disposition']), /Ines|position/);
    });
  });
}
