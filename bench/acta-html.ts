/**
 * The acta of src/meetings/acta.ts (actaSpec) as a self-contained A4 HTML page, for the `minutes` benchmark to
 * print the same content with headless Chromium: same text (the quorum and vote wording come from acta.ts), same
 * order of sections, and a look close to the house layout (Helvetica or its metric twin Liberation Sans, A4 with
 * 56 pt margins and a 64 pt footer band). The footer (verification code, QR, "Página N de M") is a separate
 * template because Chromium prints it in the page margin: pass actaHtml's footerTemplate to page.pdf.
 */
import * as QRCode from 'qrcode';
import { quorumStatement, votesText, type ActaContent } from '../src/meetings/acta';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

const STATUS_ES = { present: 'Presente', excused: 'Justificada', absent: 'Ausente' } as const;
const MODE_ES = { in_person: 'Presencial', online: 'En línea' } as const;
const formatDue = (dueOn: string | null) =>
  dueOn ? `${dueOn.slice(8, 10)}-${dueOn.slice(5, 7)}-${dueOn.slice(0, 4)}` : 'Sin plazo';

/** The QR code of `text` as an inline SVG (one path, one unit per module, error correction M as the house layout). */
export function qrSvg(text: string, sizePt: number): string {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  let path = '';
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y * size + x]) path += `M${x} ${y}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${sizePt}pt" height="${sizePt}pt" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

const table = (columns: { header: string; width: number; align?: 'right' }[], rows: string[][]) => {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const cols = columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('');
  const head = columns.map((c) => `<th${c.align ? ` class="${c.align}"` : ''}>${escapeHtml(c.header)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => `<td${columns[i].align ? ` class="${columns[i].align}"` : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
};

const STYLE = `
@page { size: A4; margin: 56pt 56pt 120pt 56pt; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: Helvetica, 'Liberation Sans', Arial, sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.16; }
.org { font-weight: bold; font-size: 11pt; }
.detail { font-size: 9pt; color: #555; }
hr { border: 0; border-top: 0.8pt solid #b8c4d0; margin: 6pt 0 14pt; }
h1 { font-size: 17pt; margin: 0; }
.subtitle { font-size: 11pt; color: #555; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; text-align: justify; }
dl { display: grid; grid-template-columns: 155pt 1fr; margin: 10pt 0 6pt; font-size: 10pt; row-gap: 2pt; }
dt { font-weight: bold; } dd { margin: 0; }
ol { margin: 0 0 6pt; padding-left: 22pt; } li { margin-bottom: 2pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9.5pt; margin-bottom: 8pt; }
th { background: #e8eef5; text-align: left; }
th, td { padding: 4pt; border-bottom: 0.4pt solid #b8c4d0; vertical-align: top; }
tr { break-inside: avoid; }
.right { text-align: right; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; column-gap: 30pt; margin-top: 40pt; break-inside: avoid; text-align: center; }
.signatures div { border-top: 0.6pt solid #1a1a1a; padding-top: 4pt; font-weight: bold; font-size: 10pt; }
.signatures span { display: block; font-weight: normal; font-size: 9pt; color: #555; }
.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 110pt; font-weight: bold; color: #d0d0d0; opacity: 0.35; transform: rotate(-35deg); }
`;

/**
 * The acta as one HTML page to print on A4 (no scripts, no external resources), and the footer template that
 * carries the verification code and QR on every page (Chromium prints templates in the margin, apart from the page).
 */
export function actaHtml(
  content: ActaContent,
  verification: { code: string; url: string },
): { html: string; footerTemplate: string } {
  const { snapshot: s } = content;
  const org = s.organisation;
  const e = escapeHtml;
  const title = `Acta N° ${content.number}: ${s.meeting.kindLabel}`;
  const out: string[] = [];
  out.push(
    `<!DOCTYPE html><html lang="es-CL"><head><meta charset="utf-8"><title>${e(content.draft ? `BORRADOR · ${title}` : title)}</title><style>${STYLE}</style></head><body>`,
  );
  if (content.draft) out.push('<div class="watermark">BORRADOR</div>');
  out.push(`<div class="org">${e(org.name)}</div>`);
  out.push(
    `<div class="detail">${e([org.kindLabel, org.rut ? `RUT ${org.rut}` : null, org.communeName].filter(Boolean).join(' · '))}</div><hr>`,
  );
  out.push(`<h1>${e(content.draft ? `BORRADOR · ${title}` : title)}</h1>`);
  if (content.draft) out.push('<div class="subtitle">Borrador sin aprobar: no tiene validez como acta</div>');
  const place = s.meeting.place + (s.meeting.onlineUrl ? ` y en línea (${s.meeting.onlineUrl})` : '');
  const keyValues: [string, string][] = [
    ['Fecha', `${s.meeting.weekday} ${s.meeting.date}`],
    ['Hora', `${s.meeting.time} horas`],
    ['Lugar', place],
    ['Citación', s.meeting.call === 'first' ? 'Primera' : 'Segunda'],
  ];
  out.push(`<dl>${keyValues.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`);
  out.push('<h2>Asistencia y quórum</h2>', `<p>${e(quorumStatement(s.quorum))}</p>`);
  if (s.attendance.length) {
    out.push(
      table(
        [
          { header: 'Nombre', width: 5 },
          { header: 'Asistencia', width: 2 },
          { header: 'Modalidad', width: 2 },
        ],
        s.attendance.map((a) => [a.name, STATUS_ES[a.status], a.status === 'present' ? MODE_ES[a.mode] : '']),
      ),
    );
  }
  out.push('<h2>Tabla</h2>');
  out.push(
    s.agenda.length
      ? `<ol>${s.agenda.map((a) => `<li>${e(a.title)}</li>`).join('')}</ol>`
      : '<p>Sin tabla registrada.</p>',
  );
  const discussed = content.items.filter((i) => i.notes.trim());
  if (discussed.length) {
    out.push('<h2>Desarrollo de la sesión</h2>');
    for (const item of discussed) out.push(`<p>${e(`${item.title}. ${item.notes}`)}</p>`);
  }
  if (s.amendments.length) {
    out.push('<h2>Enmiendas a actas anteriores</h2>');
    for (const a of s.amendments) out.push(`<p>${e(`Enmienda al acta N° ${a.number} del ${a.date}: ${a.text}`)}</p>`);
  }
  out.push('<h2>Acuerdos</h2>');
  if (content.agreements.length) {
    for (const a of content.agreements)
      out.push(
        `<p>${e(`Acuerdo N° ${a.number}: ${a.text} ${votesText(a)}${a.withoutQuorum ? ' Adoptado sin quórum.' : ''}`)}</p>`,
      );
  } else {
    out.push('<p>No se adoptaron acuerdos.</p>');
  }
  out.push('<h2>Compromisos</h2>');
  out.push(
    s.commitments.length
      ? table(
          [
            { header: 'N°', width: 1, align: 'right' },
            { header: 'Compromiso', width: 9 },
            { header: 'Responsable', width: 5 },
            { header: 'Plazo', width: 3 },
          ],
          s.commitments.map((c, i) => [String(i + 1), c.description, c.owner, formatDue(c.dueOn)]),
        )
      : '<p>No se registraron compromisos.</p>',
  );
  out.push('<h2>Próxima reunión</h2>');
  out.push(
    `<p>${e(s.nextMeeting ? `${s.nextMeeting.date} a las ${s.nextMeeting.time} horas, en ${s.nextMeeting.place}.` : 'Por fijar.')}</p>`,
  );
  if (content.approval) {
    out.push(
      `<p>${e(`Acta aprobada el ${content.approval.at} por ${content.approval.by}${content.approval.position ? `, ${content.approval.position}` : ''}.`)}</p>`,
    );
  }
  const signers = [
    { name: s.signers.president ?? '', role: 'Presidente/a' },
    { name: s.signers.secretary ?? '', role: 'Secretario/a' },
  ];
  out.push(
    `<div class="signatures">${signers.map((g) => `<div>${e(g.name) || '&nbsp;'}<span>${e(g.role)}</span></div>`).join('')}</div>`,
  );
  out.push('</body></html>');
  return { html: out.join('\n'), footerTemplate: footerTemplate(verification) };
}

/**
 * Chromium's footer template (page.pdf footerTemplate): a rule, the QR to the verification URL, the code, and
 * "Página N de M" from Chromium's pageNumber and totalPages. Templates get no page styles: everything inline.
 */
function footerTemplate(verification: { code: string; url: string }): string {
  const e = escapeHtml;
  return (
    `<div style="box-sizing:border-box;width:100%;padding:0 56pt;font-family:Helvetica,'Liberation Sans',Arial,sans-serif;color:#555;font-size:8pt;-webkit-print-color-adjust:exact">` +
    `<div style="display:flex;align-items:flex-start;padding-top:8pt;border-top:0.6pt solid #b8c4d0">` +
    `<div style="width:48pt;height:48pt;margin-right:8pt">${qrSvg(verification.url, 48)}</div>` +
    `<div style="flex:1;padding-top:4pt">Código de verificación: ${e(verification.code)}<br><span style="font-size:7.5pt">Verifique en ${e(verification.url)}</span></div>` +
    `<div style="padding-top:4pt;font-size:9pt;color:#1a1a1a">Página <span class="pageNumber"></span> de <span class="totalPages"></span></div>` +
    `</div></div>`
  );
}
