import type { PdfBlock, PdfSpec } from './pdf-spec';

/**
 * The house layout of every PDF (PdfRenderer draws through it): organisation header, title, content blocks, and a
 * footer on every page with "Página N de M", the verification code and its QR, under an optional watermark.
 */

/** The two faces of a document being rendered. */
const FONTS = new WeakMap<PDFKit.PDFDocument, { body: string; bold: string }>();
const body = (doc: PDFKit.PDFDocument) => FONTS.get(doc)!.body;
const bold = (doc: PDFKit.PDFDocument) => FONTS.get(doc)!.bold;

export const MARGIN = 56;
export const FOOTER_HEIGHT = 64;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b8c4d0';

/** Lays the spec out on `doc` in the house layout, with its two faces and the footer's QR image (if any). */
export function layOut(
  doc: PDFKit.PDFDocument,
  spec: PdfSpec,
  faces: { body: string; bold: string },
  qr: object | null,
): void {
  FONTS.set(doc, faces);
  header(doc, spec);
  for (const block of spec.blocks) writeBlock(doc, block);
  footers(doc, spec, qr);
}

function width(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function header(doc: PDFKit.PDFDocument, spec: PdfSpec): void {
  doc
    .font(bold(doc))
    .fontSize(11)
    .fillColor(INK)
    .text(spec.organisation.name, { width: width(doc) });
  if (spec.organisation.detail) doc.font(body(doc)).fontSize(9).fillColor(MUTED).text(spec.organisation.detail);
  const y = doc.y + 6;
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 14;
  doc
    .font(bold(doc))
    .fontSize(17)
    .fillColor(INK)
    .text(spec.title, { width: width(doc) });
  if (spec.subtitle) doc.font(body(doc)).fontSize(11).fillColor(MUTED).text(spec.subtitle);
  doc.moveDown(0.8).fillColor(INK);
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function writeBlock(doc: PDFKit.PDFDocument, block: PdfBlock): void {
  const x = doc.page.margins.left;
  switch (block.type) {
    case 'heading':
      ensureSpace(doc, 40);
      doc
        .moveDown(0.4)
        .font(bold(doc))
        .fontSize(12.5)
        .fillColor(INK)
        .text(block.text, x, doc.y, { width: width(doc) })
        .moveDown(0.3);
      break;
    case 'paragraph':
      doc
        .font(body(doc))
        .fontSize(10.5)
        .fillColor(INK)
        .text(block.text, x, doc.y, { width: width(doc), align: 'justify' })
        .moveDown(0.5);
      break;
    case 'keyValues':
      for (const [label, value] of block.rows) {
        ensureSpace(doc, 16);
        const y = doc.y;
        doc.font(bold(doc)).fontSize(10).text(label, x, y, { width: 150 });
        const afterLabel = doc.y;
        doc
          .font(body(doc))
          .fontSize(10)
          .text(value, x + 155, y, { width: width(doc) - 155 });
        doc.y = Math.max(afterLabel, doc.y) + 2;
      }
      doc.moveDown(0.4);
      break;
    case 'list':
      doc.font(body(doc)).fontSize(10.5);
      block.items.forEach((item, i) => {
        ensureSpace(doc, 16);
        const marker = block.numbered ? `${i + 1}.` : '•';
        const y = doc.y;
        doc.text(marker, x, y, { width: 20 });
        doc.text(item, x + 22, y, { width: width(doc) - 22 });
        doc.moveDown(0.15);
      });
      doc.moveDown(0.4);
      break;
    case 'table':
      table(doc, block);
      break;
    case 'signatures': {
      const perRow = 2;
      const colWidth = (width(doc) - 30) / perRow;
      for (let i = 0; i < block.signers.length; i += perRow) {
        ensureSpace(doc, 80);
        const y = doc.y + 40;
        block.signers.slice(i, i + perRow).forEach((s, j) => {
          const sx = x + j * (colWidth + 30);
          doc
            .moveTo(sx, y)
            .lineTo(sx + colWidth, y)
            .lineWidth(0.6)
            .strokeColor(INK)
            .stroke();
          doc
            .font(bold(doc))
            .fontSize(10)
            .fillColor(INK)
            .text(s.name, sx, y + 4, { width: colWidth, align: 'center' });
          doc
            .font(body(doc))
            .fontSize(9)
            .fillColor(MUTED)
            .text(s.role, sx, doc.y, { width: colWidth, align: 'center' });
        });
        doc.fillColor(INK);
        doc.x = x;
        doc.y = y + 40;
      }
      break;
    }
    case 'pageBreak':
      doc.addPage();
      break;
  }
}

function table(doc: PDFKit.PDFDocument, block: Extract<PdfBlock, { type: 'table' }>): void {
  const x0 = doc.page.margins.left;
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const widths = block.columns.map((c) => (c.width / total) * width(doc));
  const pad = 4;
  // a cell that fits on one line is one line high: measured by its width, without laying it out twice
  const fitsOneLine = (cell: string, i: number) =>
    !cell.includes('\n') && doc.widthOfString(cell) <= widths[i] - 2 * pad;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(9.5);
    const line = doc.currentLineHeight(true);
    return (
      Math.max(
        ...cells.map((cell, i) =>
          fitsOneLine(cell, i) ? line : doc.heightOfString(cell || ' ', { width: widths[i] - 2 * pad }),
        ),
      ) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: string, fill: string | null) => {
    const h = rowHeight(cells, font);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawRow(
        block.columns.map((c) => c.header),
        bold(doc),
        '#e8eef5',
      );
    }
    const y = doc.y;
    let x = x0;
    if (fill) doc.rect(x0, y, width(doc), h).fill(fill);
    doc.fillColor(INK);
    cells.forEach((cell, i) => {
      doc.font(font).fontSize(9.5);
      doc.text(cell, x + pad, y + pad, {
        width: widths[i] - 2 * pad,
        align: block.columns[i].align ?? 'left',
        lineBreak: !fitsOneLine(cell, i),
      });
      x += widths[i];
    });
    doc
      .moveTo(x0, y + h)
      .lineTo(x0 + width(doc), y + h)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.x = x0;
    doc.y = y + h;
  };
  ensureSpace(doc, 40);
  drawRow(
    block.columns.map((c) => c.header),
    bold(doc),
    '#e8eef5',
  );
  for (const row of block.rows) drawRow(row, body(doc), null);
  doc.moveDown(0.6);
}

function footers(doc: PDFKit.PDFDocument, spec: PdfSpec, qr: object | null): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the footer area must not open a new page
    if (spec.watermark) {
      doc.save();
      doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc.font(bold(doc)).fillColor('#d0d0d0').opacity(0.35);
      const size = Math.min(110, (doc.page.width * 0.95 * 110) / doc.fontSize(110).widthOfString(spec.watermark));
      doc.fontSize(size);
      const w = doc.widthOfString(spec.watermark);
      doc.text(spec.watermark, (doc.page.width - w) / 2, doc.page.height / 2 - size / 2, { lineBreak: false });
      doc.restore();
      doc.opacity(1);
    }
    const top = doc.page.height - MARGIN - FOOTER_HEIGHT + 14;
    doc
      .moveTo(MARGIN, top)
      .lineTo(doc.page.width - MARGIN, top)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke();
    const textX = qr ? MARGIN + 56 : MARGIN;
    if (qr && spec.verification) {
      doc.image(qr as never, MARGIN, top + 8, { width: 48, height: 48 });
      doc.font(body(doc)).fontSize(8).fillColor(MUTED);
      doc.text(`Código de verificación: ${spec.verification.code}`, textX, top + 12, { lineBreak: false });
      doc.fontSize(7.5).text(`Verifique en ${spec.verification.url}`, textX, top + 26, { lineBreak: false });
    }
    doc.font(body(doc)).fontSize(9).fillColor(INK);
    doc.text(`Página ${i - range.start + 1} de ${range.count}`, doc.page.width - MARGIN - 120, top + 12, {
      width: 120,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
