// The subject access response pack as an accessible, tagged PDF (PDF 1.7, /Lang en-GB, the title
// displayed, a structure tree of headings, paragraphs and tables): a cover letter, what Concord
// holds (less what is withheld), where it came from, and the schedule of what was withheld and why.
import PDFDocument from 'pdfkit';
import { type Exemption, exemptionLabels } from '../../domain/rights.ts';
import type { AccessEntry } from './_access.ts';

export interface ResponsePdf {
  agencyName: string;
  requestRef: string;
  receivedOn: string;
  producedOn: string;
  released: AccessEntry[];
  withheld: { entry: AccessEntry; reason: string; note: string | null }[];
  sources: { name: string; entries: number }[];
}

export function renderResponsePdf(p: ResponsePdf): Promise<Buffer> {
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: `Response to your subject access request ${p.requestRef}`, Author: p.agencyName },
    margin: 56,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const root = doc.struct('Document');
  doc.addStructure(root);
  const heading = (level: 'H1' | 'H2', text: string) => {
    root.add(
      doc.struct(level, {}, () => {
        doc
          .font('Helvetica-Bold')
          .fontSize(level === 'H1' ? 18 : 14)
          .text(text)
          .moveDown(0.5);
      }),
    );
  };
  const para = (text: string) => {
    root.add(
      doc.struct('P', {}, () => {
        doc.font('Helvetica').fontSize(11).text(text).moveDown(0.5);
      }),
    );
  };
  const table = (header: string[], rows: string[][]) => {
    doc.font('Helvetica').fontSize(10);
    doc.table({ structParent: root, data: [header, ...rows], rowStyles: (i: number) => (i === 0 ? { font: { src: 'Helvetica-Bold' } } : {}) } as Parameters<typeof doc.table>[0]);
    doc.moveDown();
  };

  heading('H1', `Response to your subject access request`);
  para(`${p.agencyName}. Our reference: ${p.requestRef}. Request received: ${p.receivedOn}. This response: ${p.producedOn}.`);
  para(
    'You asked for a copy of the information we hold about the child in Concord, the system the local safeguarding partnership uses to share information. This pack sets out that information. Some information came from other agencies; we asked each of them whether any of it should be withheld before releasing it.',
  );
  para(
    p.withheld.length
      ? `We have withheld ${p.withheld.length} ${p.withheld.length === 1 ? 'item' : 'items'}: the schedule at the end says what kind of information each was and why it was withheld.`
      : 'We have not withheld anything.',
  );
  para('If you are unhappy with this response you may ask us to review it, and you may complain to the Information Commissioner’s Office (ico.org.uk).');

  heading('H2', 'The information we hold');
  if (p.released.length)
    table(
      ['Date', 'What it is', 'Information', 'From'],
      p.released.map((e) => [e.at.toISOString().slice(0, 10), e.title, e.text, e.sourceAgencyName]),
    );
  else para('We hold no information about the child in Concord that we can release.');

  heading('H2', 'Where the information came from');
  para(p.sources.length ? p.sources.map((s) => `${s.name}: ${s.entries} ${s.entries === 1 ? 'item' : 'items'}`).join('; ') : 'All of it was recorded by our agency.');

  heading('H2', 'Schedule of withheld information');
  if (p.withheld.length)
    table(
      ['Item', 'Came from', 'Why it was withheld'],
      p.withheld.map((w, i) => [`${i + 1}. ${w.entry.title}`, w.entry.sourceAgencyName, `${exemptionLabels[w.reason as Exemption] ?? w.reason}${w.note ? `. ${w.note}` : ''}`]),
    );
  else para('Nothing has been withheld.');
  root.end();
  doc.end();
  return done;
}
