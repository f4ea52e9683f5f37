// A PDF built in memory that carries every identity and active part a probe found in real files,
// each as a marker string starting with "Zq", next to visible text, a filled form field, a JPEG
// image and a web link that must survive cleaning.
import { PDFDocument, PDFDict, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { jp2WithMetadata, jpegWithMetadata, xmp } from './image-corpus.fixtures.ts';

export const PDF_MARKERS = [
  'ZqPdfAuthor',
  'ZqPdfCreator',
  'ZqPdfProducer',
  'ZqPdfXmp',
  'ZqEmbeddedContent',
  'ZqEmbeddedName',
  'ZqEmbeddedDescription',
  'ZqImageXmp',
  'ZqExifArtist',
  'ZqGpsArea',
  'ZqJpegXmp',
  'ZqJpegComment',
  'ZqAnnotAuthor',
  'ZqAnnotContents',
  'ZqLinkJs',
  'ZqLaunch',
  'ZqOpenActionJs',
  'ZqNamesJs',
  'ZqPageAaJs',
  'ZqPiece',
  'ZqFieldName',
  'ZqFieldJs',
  'ZqContentComment',
  'ZqJpxXml',
  'ZqJpxUuid',
  'ZqJpxComment',
];

export const PDF_VISIBLE = {
  text: 'Connectivity for rural schools',
  field: 'visible field value',
  webLink: 'https://example.org/kept',
};

const js = (doc: PDFDocument, code: string) =>
  doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) });

export async function pdfCorpus(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setAuthor('ZqPdfAuthor');
  doc.setCreator('ZqPdfCreator');
  doc.setProducer('ZqPdfProducer');
  const page = doc.addPage([300, 300]);
  page.drawText(PDF_VISIBLE.text, {
    x: 10,
    y: 260,
    size: 10,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  const jpeg = await jpegWithMetadata({
    artist: 'ZqExifArtist',
    gps: 'ZqGpsArea',
    xmp: 'ZqJpegXmp',
    comment: 'ZqJpegComment',
  });
  const image = await doc.embedJpg(new Uint8Array(jpeg));
  page.drawImage(image, { x: 10, y: 150, width: 48, height: 32 });
  const field = doc.getForm().createTextField('ZqFieldName');
  field.setText(PDF_VISIBLE.field);
  field.addToPage(page, { x: 10, y: 100, width: 200, height: 20 });
  field.acroField.dict.set(
    PDFName.of('AA'),
    doc.context.obj({ K: js(doc, 'app.alert("ZqFieldJs")') }),
  );
  await doc.attach(new TextEncoder().encode('ZqEmbeddedContent'), 'ZqEmbeddedName.txt', {
    mimeType: 'text/plain',
    description: 'ZqEmbeddedDescription',
  });
  await doc.flush();

  const { context, catalog } = doc;
  const imageStream = context.lookup(image.ref);
  const imageDict =
    imageStream && 'dict' in imageStream ? (imageStream.dict as PDFDict) : undefined;
  imageDict?.set(
    PDFName.of('Metadata'),
    context.register(context.stream(xmp('ZqImageXmp'), { Type: 'Metadata', Subtype: 'XML' })),
  );
  catalog.set(
    PDFName.of('Metadata'),
    context.register(context.stream(xmp('ZqPdfXmp'), { Type: 'Metadata', Subtype: 'XML' })),
  );
  catalog.set(PDFName.of('OpenAction'), js(doc, 'app.alert("ZqOpenActionJs")'));
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict) ?? context.obj({});
  names.set(
    PDFName.of('JavaScript'),
    context.obj({
      Names: [PDFHexString.fromText('init'), context.register(js(doc, 'app.alert("ZqNamesJs")'))],
    }),
  );
  catalog.set(PDFName.of('Names'), names);
  page.node.set(PDFName.of('AA'), context.obj({ O: js(doc, 'app.alert("ZqPageAaJs")') }));
  page.node.set(
    PDFName.of('PieceInfo'),
    context.obj({ Editor: { Private: PDFString.of('ZqPiece') } }),
  );
  const annotations = [
    {
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [10, 10, 30, 30],
      T: PDFHexString.fromText('ZqAnnotAuthor'),
      Contents: PDFString.of('ZqAnnotContents'),
    },
    {
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [10, 250, 200, 270],
      A: { S: 'URI', URI: PDFString.of(PDF_VISIBLE.webLink) },
    },
    {
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [10, 230, 200, 245],
      A: js(doc, 'app.alert("ZqLinkJs")'),
    },
    {
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [10, 210, 200, 225],
      A: { S: 'Launch', F: PDFString.of('C:\\Users\\ZqLaunch\\run.exe') },
    },
  ].map((a) => context.register(context.obj(a)));
  const jpx = jp2WithMetadata({ xml: 'ZqJpxXml', uuid: 'ZqJpxUuid', comment: 'ZqJpxComment' });
  page.node.setXObject(
    PDFName.of('Scan'),
    context.register(
      context.stream(jpx, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: 1,
        Height: 1,
        Filter: 'JPXDecode',
      }),
    ),
  );
  // A producer's comment in the page's drawing instructions, next to a string holding a '%'.
  page.node.addContentStream(
    context.register(context.flateStream('% ZqContentComment\nBT /F1 1 Tf (100% kept) Tj ET\n')),
  );
  const annex = doc.addPage([300, 300]);
  annex.drawText('Annex', {
    x: 10,
    y: 260,
    size: 10,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  annotations.push(
    context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [10, 190, 200, 205],
        Dest: [annex.ref, 'XYZ', null, null, null],
      }),
    ),
  );
  const existing = page.node.Annots()?.asArray() ?? [];
  page.node.set(PDFName.of('Annots'), context.obj([...existing, ...annotations]));
  // Plain objects, so a leftover marker would show in the raw bytes too.
  return doc.save({ useObjectStreams: false });
}
