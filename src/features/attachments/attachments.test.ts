import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import type { Actor } from '../../shared/actor.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { seedWorld, type World } from '../open-data/open-data.fixtures.ts';
import { Browser, docxWithAuthor, odtWithAuthor, pdfWithAuthor } from './attachments.fixtures.ts';

const NAME = 'Zelda Quirinus';
const PASSWORD = 'long password 123';

for (const dialect of testDialects()) {
  describe(`attachments (${dialect})`, () => {
    let t: TestApp;
    let world: World;
    let author: Actor;
    let browser: Browser;
    let n = 0;
    before(async () => {
      t = await startTestApp(dialect);
      world = await seedWorld(t);
      author = await world.actorFor('zelda@example.org', NAME);
      browser = new Browser(t.app);
      await browser.signIn('zelda@example.org', PASSWORD);
    });
    after(() => t.close());

    async function draft(rule: string): Promise<{ slug: string; id: string }> {
      const { slug } = await world.openConsultation(rule, `Files ${rule} ${++n}`);
      const s = await t.services.submissions.submit(author, slug, {
        idempotencyKey: `files-${n}`,
        language: 'en',
        freeText: 'See the attached notes.',
        answers: [],
      });
      return { slug, id: s.id };
    }
    const listOf = async (id: string) =>
      (await t.services.attachments.ownView(author, id)).attachments;
    const upload = (id: string, name: string, data: Uint8Array) =>
      browser.upload(`/my/submissions/${id}/attachments`, { name, data });

    test('when a PDF, a DOCX and an ODT are attached under chatham_house, then their author metadata is gone', async () => {
      const { id } = await draft('chatham_house');
      assert.equal((await upload(id, 'notes.pdf', await pdfWithAuthor(NAME))).statusCode, 303);
      assert.equal((await upload(id, 'notes.docx', docxWithAuthor(NAME))).statusCode, 303);
      assert.equal((await upload(id, 'notes.odt', odtWithAuthor(NAME))).statusCode, 303);
      const [pdf, docx, odt] = await Promise.all(
        (await listOf(id)).map((a) => t.services.attachments.download(author, a.id)),
      );
      assert.ok(pdf && docx && odt);
      const cleaned = await PDFDocument.load(pdf.data, { updateMetadata: false });
      assert.equal(cleaned.getAuthor(), undefined);
      assert.equal(cleaned.getProducer(), undefined);
      assert.equal(cleaned.getPageCount(), 1);
      assert.ok(!pdf.data.includes('Quirinus'), 'no name left in the raw PDF, XMP included');
      const docxFiles = unzipSync(docx.data);
      assert.ok(docxFiles['word/document.xml'], 'the document itself is kept');
      assert.ok(!Object.values(docxFiles).some((f) => strFromU8(f).includes('Quirinus')));
      assert.ok(
        !strFromU8(docxFiles['word/document.xml'] ?? new Uint8Array()).includes('10:11:12'),
      );
      const odtFiles = unzipSync(odt.data);
      assert.equal(Object.keys(odtFiles)[0], 'mimetype');
      assert.ok(!Object.values(odtFiles).some((f) => strFromU8(f).includes('Quirinus')));
      assert.equal(pdf.fileName, 'notes.pdf', 'the author still sees their own file name');
    });

    test('when the rule is attributed, then files are rebuilt all the same: the author is named by the rule, not by the file', async () => {
      const { id } = await draft('attributed');
      await upload(id, 'signed.pdf', await pdfWithAuthor(NAME));
      const [attachment] = await listOf(id);
      const file = await t.services.attachments.download(author, attachment?.id ?? '');
      const cleaned = await PDFDocument.load(file.data, { updateMetadata: false });
      assert.equal(cleaned.getAuthor(), undefined);
      assert.ok(!file.data.includes('Quirinus'));
      assert.equal(cleaned.getPageCount(), 1);
      const page = await browser.get(`/my/submissions/${id}`);
      assert.match(page.body, /Every file is rebuilt before it is stored/);
    });

    test('when a file is not what it claims, too large, or one too many, then it is refused with a reason', async () => {
      const { id } = await draft('chatham_house');
      const text = await upload(id, 'report.pdf', new TextEncoder().encode('just text, not a PDF'));
      assert.equal(text.statusCode, 422);
      assert.match(text.body, /Only PDF, ODT and DOCX/);
      assert.match(text.body, /role="alert"/);
      const zip = await upload(
        id,
        'report.docx',
        zipSync({ 'a.txt': strToU8('no document here') }),
      );
      assert.equal(zip.statusCode, 422, 'a zip that is no DOCX');
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(new TextEncoder().encode('%PDF-1.7\n'));
      const large = await upload(id, 'big.pdf', big);
      assert.equal(large.statusCode, 422);
      assert.match(large.body, /larger than 10 MB/);
      const pdf = await pdfWithAuthor('Someone');
      for (let i = 1; i <= 5; i++)
        assert.equal((await upload(id, `f${i}.pdf`, pdf)).statusCode, 303);
      const sixth = await upload(id, 'f6.pdf', pdf);
      assert.equal(sixth.statusCode, 422);
      assert.match(sixth.body, /at most 5 files/);
      assert.equal((await listOf(id)).length, 5);
    });

    test('when the CSRF token is forged or missing, then nothing is stored; the header form of the token works', async () => {
      const { id } = await draft('attributed');
      const pdf = await pdfWithAuthor('Someone');
      const url = `/my/submissions/${id}/attachments`;
      assert.equal(
        (await browser.upload(url, { name: 'a.pdf', data: pdf }, { field: 'forged-token' }))
          .statusCode,
        403,
      );
      assert.equal(
        (await browser.upload(url, { name: 'a.pdf', data: pdf }, { field: null })).statusCode,
        403,
      );
      assert.equal((await listOf(id)).length, 0);
      assert.equal(
        (
          await browser.upload(
            url,
            { name: 'a.pdf', data: pdf },
            { field: null, header: browser.csrf },
          )
        ).statusCode,
        303,
      );
      assert.equal((await listOf(id)).length, 1);
    });

    test('when someone asks for a file, then only the author, the secretariat or — once published — anyone gets it, named by the rule', async () => {
      const { id } = await draft('chatham_house');
      await upload(id, `${NAME} notes.pdf`, await pdfWithAuthor(NAME));
      const [attachment] = await listOf(id);
      const url = `/attachments/${attachment?.id}`;
      const stranger = new Browser(t.app);
      await world.actorFor('stranger@example.org', 'Stranger');
      await stranger.signIn('stranger@example.org', PASSWORD);
      assert.equal((await t.client().get(url)).statusCode, 404, 'not before publication');
      assert.equal((await stranger.get(url)).statusCode, 404);
      const own = await browser.get(url);
      assert.equal(own.statusCode, 200);
      assert.match(
        String(own.headers['content-disposition']),
        /^attachment; .*filename\*=UTF-8''Zelda%20Quirinus%20notes\.pdf/,
      );
      const review = await t.services.attachments.download(world.secretariat, attachment?.id ?? '');
      assert.equal(
        review.fileName,
        `${NAME} notes.pdf`,
        'the secretariat reviews it before publication and, under chatham_house, knows the author',
      );
      await t.services.submissions.moderate(world.secretariat, id, { action: 'publish' });
      const visitor = await t.client().get(url);
      assert.equal(visitor.statusCode, 200);
      assert.equal(visitor.headers['content-type'], 'application/pdf');
      assert.equal(visitor.headers['x-content-type-options'], 'nosniff');
      assert.equal(
        visitor.headers['content-disposition'],
        `attachment; filename="submission-${id}-1.pdf"; filename*=UTF-8''submission-${id}-1.pdf`,
      );
      assert.equal((await t.client().get('/attachments/not-an-id')).statusCode, 404);
      await t.services.submissions.withdraw(author, id);
      assert.equal(
        (await t.client().get(url)).statusCode,
        404,
        'a withdrawn submission takes its files along',
      );
    });

    test('when the author removes a file, then it is gone; nobody else can remove it', async () => {
      const { id } = await draft('attributed');
      await upload(id, 'a.pdf', await pdfWithAuthor('Someone'));
      const [attachment] = await listOf(id);
      const stranger = new Browser(t.app);
      await world.actorFor('stranger2@example.org', 'Stranger');
      await stranger.signIn('stranger2@example.org', PASSWORD);
      assert.equal(
        (await stranger.post(`/my/submissions/${id}/attachments/${attachment?.id}/delete`))
          .statusCode,
        404,
      );
      assert.equal(
        (await browser.post(`/my/submissions/${id}/attachments/${attachment?.id}/delete`))
          .statusCode,
        303,
      );
      assert.equal((await listOf(id)).length, 0);
      await assert.rejects(
        t.services.attachments.download(author, attachment?.id ?? ''),
        /not found/,
      );
    });
  });
}
