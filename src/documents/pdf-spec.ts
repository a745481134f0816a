export type PdfBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'keyValues'; rows: [label: string, value: string][] }
  | { type: 'list'; items: string[]; numbered?: boolean }
  | {
      type: 'table';
      columns: { header: string; width: number; align?: 'left' | 'right' | 'center' }[];
      rows: string[][];
    }
  | { type: 'signatures'; signers: { name: string; role: string }[] }
  | { type: 'pageBreak' };

/** What a document says; the renderer owns how it looks (the house layout). */
export interface PdfSpec {
  organisation: { name: string; detail?: string };
  title: string;
  subtitle?: string;
  blocks: PdfBlock[];
  /** Printed in every footer with a QR code to `url`. */
  verification?: { code: string; url: string };
  /** A light diagonal word across each page (e.g. BORRADOR). */
  watermark?: string;
  /** PDF metadata. */
  author?: string;
  /** The instant printed as the creation date (the app's clock). */
  createdAt?: Date;
}
